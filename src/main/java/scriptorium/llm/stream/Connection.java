package scriptorium.llm.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 connection to a provider: a blocking socket (TLS over it for https, the hostname verified), read on
 * the calling virtual thread, where a blocked read parks the virtual thread and frees its carrier.
 *
 * <p>{@link #close} may come from any thread and ends a blocked connect, write or read at once: it closes the TCP
 * socket under the TLS one (closing the TLS socket itself would first try to write a close_notify).
 */
final class Connection {

    private final Endpoint.Origin origin;
    /** The TCP socket of the current connect attempt, then of the connection: replaced per address tried. */
    private volatile Socket tcp = new Socket();
    private volatile boolean closed;
    private Socket socket;
    private OutputStream out;
    private ResponseReader reader;
    /** When it went back to the pool ({@link System#nanoTime}). */
    private long idleSince;

    /** An unconnected connection: {@link #close} works from now on, so a cancel can stop the connect. */
    Connection(Endpoint.Origin origin) {
        this.origin = origin;
    }

    Endpoint.Origin origin() {
        return origin;
    }

    /** Connects to the origin's addresses in turn, then shakes hands for https. */
    void connect(Duration timeout, SSLSocketFactory tls) throws IOException {
        InetAddress[] addresses = InetAddress.getAllByName(origin.host());
        for (int i = 0; ; i++) {
            try {
                tcp.connect(new InetSocketAddress(addresses[i], origin.port()), (int) Math.max(1, timeout.toMillis()));
                break;
            } catch (SocketTimeoutException | ConnectException e) {
                if (closed || i == addresses.length - 1) {
                    throw e;
                }
                tcp = new Socket(); // a socket whose connect failed is closed: the next address needs another
                if (closed) {
                    close();
                }
            }
        }
        Socket tcp = this.tcp;
        tcp.setTcpNoDelay(true); // a request is one write; nothing to gain from waiting for more
        socket = origin.tls() ? handshake(tcp, tls) : tcp;
        out = socket.getOutputStream();
        reader = new ResponseReader(socket.getInputStream());
    }

    private SSLSocket handshake(Socket tcp, SSLSocketFactory tls) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(tcp, origin.host(), origin.port(), true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    /** Writes a whole request with one call. */
    void write(byte[] request) throws IOException {
        out.write(request);
        out.flush();
    }

    ResponseReader reader() {
        return reader;
    }

    /** Reads for at most {@code timeout} from now on (zero: no limit), as when waiting for a body's last bytes. */
    void readTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    long idleSince() {
        return idleSince;
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes the TCP socket from any thread: a blocked connect, write or read throws at once. */
    void close() {
        closed = true;
        try {
            tcp.close();
        } catch (IOException e) {
            // Dropping is the design: the socket is gone either way, and nothing waits on a clean close.
        }
    }

}
