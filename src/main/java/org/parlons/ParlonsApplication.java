package org.parlons;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Parlons, a Social CRM server: one inbox for every channel, answered by mandated people.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Modulithic(systemName = "Parlons", sharedModules = "platform")
@EnableAsync
@EnableScheduling
public class ParlonsApplication {

	public static void main(String[] args) {
		SpringApplication.run(ParlonsApplication.class, args);
	}

}
