package dev.heartbeat.boot.monitor.support;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * A plain application: whatever auto-configuration finds, plus a recorder of heartbeat events.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(EventRecorder.class)
public class TestMonitorApplication {

}
