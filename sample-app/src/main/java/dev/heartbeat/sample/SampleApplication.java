package dev.heartbeat.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The sample application: beats through the starter, runs a monitor that watches itself and a
 * few simulated workers, all on a Kafka broker embedded in this JVM.
 */
@SpringBootApplication
@EnableConfigurationProperties(WorkersProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(SampleApplication.class);
		application.addListeners(new EmbeddedKafkaStarter());
		application.run(args);
	}

}
