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
 * <li>{@link #hang()}: the open connections are cut, and new ones are accepted and held open
 * without a byte forwarded either way, so clients wait for answers that never come (as when
 * the server process is frozen);</li>
 * <li>{@link #up()}: the held connections are cut, the same port listens again if it was down,
 * and new connections are forwarded.</li>
 * </ul>
 * The port never changes, so a Kafka broker can advertise it (see {@code SharedKafka}). Each
 * connection uses two daemon threads named {@code tcp-proxy-*}.
 */
public final class TcpProxy implements AutoCloseable {

	private static final AtomicInteger connections = new AtomicInteger();

	private final int port;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private final Set<Socket> held = ConcurrentHashMap.newKeySet();

	private volatile InetSocketAddress target;

	// guarded by this; null while down
	private ServerSocket server;

	// guarded by this
	private boolean closed;

	// guarded by this: new connections are held, not forwarded
	private boolean hanging;

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
			this.hanging = false;
		}
		closeQuietly(closing);
		cutAll(this.open);
		cutAll(this.held);
	}

	/**
	 * Cut the open connections, then accept new ones and never answer on them.
	 */
	public void hang() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.hanging = true;
			listen();
		}
		cutAll(this.open);
	}

	/**
	 * Listen and forward again, on the same port.
	 */
	public void up() {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.hanging = false;
			listen();
		}
		cutAll(this.held);
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

	// guarded by this
	private void listen() {
		if (this.server == null) {
			this.server = rebind();
			startAccepting(this.server);
		}
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
			synchronized (this) {
				// a connection accepted before hang() is forwarded and then cut by it
				if (this.hanging) {
					this.held.add(client);
					continue;
				}
				this.open.add(client);
			}
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

	private static void cutAll(Set<Socket> sockets) {
		for (Socket socket : sockets) {
			sockets.remove(socket);
			closeQuietly(socket);
		}
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
		String state;
		synchronized (this) {
			state = (this.server == null) ? ", down" : (this.hanging ? ", hanging" : "");
		}
		return "TcpProxy[" + address() + " -> " + this.target + state + "]";
	}

}
