package dev.heartbeat.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * What the tests of the sample share.
 */
public final class SampleTestSupport {

	private SampleTestSupport() {
	}

	/**
	 * A port nothing listens on now. The sample's webhook listener posts to
	 * {@code localhost:${server.port}}, so its tests run on a port known before the context starts.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
