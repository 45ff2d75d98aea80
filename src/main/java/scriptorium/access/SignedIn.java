package scriptorium.access;

import java.time.Duration;

/** A session just opened: the cookie's value (its only copy) and who it is for. */
public record SignedIn(User user, String sessionSecret, Duration lifetime) {
    @Override
    public String toString() {
        return "SignedIn[" + user.username() + ", ***]";
    }
}
