package dev.heartbeat.bench.peers;

/**
 * Told of every process a peer found past its deadline (the peer has then forgotten it).
 */
@FunctionalInterface
public interface Deaths {

	/**
	 * Ignores every death.
	 */
	Deaths NONE = (process) -> {
	};

	/**
	 * A process is past its deadline.
	 * @param process its id
	 */
	void dead(String process);

}
