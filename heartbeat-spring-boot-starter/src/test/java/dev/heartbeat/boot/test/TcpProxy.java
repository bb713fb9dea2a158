package dev.heartbeat.boot.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface that a test can take down and bring back, to give the
 * applications behind it a network fault without touching the server.
 * <ul>
 * <li>{@link #down()}: the listening socket is closed and every open connection is cut, so new
 * connections are refused (as when the server process is gone) and clients must reconnect;</li>
 * <li>{@link #up()}: the same port listens again and forwards.</li>
 * </ul>
 * The port never changes, so a Kafka broker can advertise it (see {@code SharedKafka}). Each
 * connection uses two daemon threads named {@code tcp-proxy-*}.
 */
public final class TcpProxy implements AutoCloseable {

	private static final AtomicInteger connections = new AtomicInteger();

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile InetSocketAddress target;

	// guarded by this; null while down
	private ServerSocket server;

	// guarded by this
	private boolean closed;

	private TcpProxy(ServerSocket server) {
		this.server = server;
		this.port = server.getLocalPort();
		startAccepting(server);
	}

	/**
	 * Listen on a free loopback port; nothing is forwarded until {@link #forwardTo} names a target.
	 * @return the proxy, up
	 */
	public static TcpProxy start() {
		try {
			return new TcpProxy(bind(0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Where connections go.
	 * @param port the target port on the loopback interface
	 * @return this
	 */
	public TcpProxy forwardTo(int port) {
		this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		return this;
	}

	/**
	 * The port clients connect to.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * {@code 127.0.0.1:<port>}.
	 * @return the address
	 */
	public String address() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * Refuse new connections and cut the open ones.
	 */
	public void down() {
		ServerSocket closing;
		synchronized (this) {
			closing = this.server;
			this.server = null;
		}
		closeQuietly(closing);
		cutAll();
	}

	/**
	 * Listen and forward again, on the same port.
	 */
	public synchronized void up() {
		if (this.closed || this.server != null) {
			return;
		}
		this.server = rebind();
		startAccepting(this.server);
	}

	/**
	 * Whether it listens.
	 * @return whether up
	 */
	public synchronized boolean isUp() {
		return this.server != null;
	}

	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		down();
	}

	private ServerSocket rebind() {
		// the port was ours a moment ago; another socket may still linger on it briefly
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (true) {
			try {
				return bind(this.port);
			}
			catch (IOException ex) {
				if (System.nanoTime() > deadline) {
					throw new UncheckedIOException("Could not listen on port " + this.port + " again", ex);
				}
				Thread.onSpinWait();
			}
		}
	}

	private static ServerSocket bind(int port) throws IOException {
		ServerSocket socket = new ServerSocket();
		socket.setReuseAddress(true);
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
		return socket;
	}

	private void startAccepting(ServerSocket listening) {
		Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-accept-" + this.port);
		acceptor.setDaemon(true);
		acceptor.start();
	}

	private void accept(ServerSocket listening) {
		while (!listening.isClosed()) {
			Socket client;
			try {
				client = listening.accept();
			}
			catch (IOException ex) {
				return;
			}
			this.open.add(client);
			Socket upstream;
			try {
				if (this.target == null) {
					throw new IOException("no target yet");
				}
				upstream = new Socket();
				upstream.connect(this.target, 2000);
			}
			catch (IOException ex) {
				this.open.remove(client);
				closeQuietly(client);
				continue;
			}
			this.open.add(upstream);
			int id = connections.incrementAndGet();
			pump(client, upstream, "tcp-proxy-" + id + "-up");
			pump(upstream, client, "tcp-proxy-" + id + "-down");
		}
	}

	private void pump(Socket from, Socket to, String name) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (SocketException ex) {
				// cut
			}
			catch (IOException ex) {
				// the other side went away
			}
			finally {
				this.open.remove(from);
				this.open.remove(to);
				closeQuietly(from);
				closeQuietly(to);
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
	}

	private void cutAll() {
		for (Socket socket : this.open) {
			closeQuietly(socket);
		}
		this.open.clear();
	}

	private static void closeQuietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// nothing to do
		}
	}

	@Override
	public String toString() {
		return "TcpProxy[" + address() + " -> " + this.target + (isUp() ? "" : ", down") + "]";
	}

}
