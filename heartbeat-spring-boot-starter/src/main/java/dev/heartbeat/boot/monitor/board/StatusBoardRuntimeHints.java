package dev.heartbeat.boot.monitor.board;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the board's page and assets as resources, which a native image includes only when
 * told to.
 */
class StatusBoardRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern(StatusBoard.LOCATION + "index.html");
		for (String asset : StatusBoard.ASSETS) {
			hints.resources().registerPattern(StatusBoard.LOCATION + "static/" + asset);
		}
	}

}
