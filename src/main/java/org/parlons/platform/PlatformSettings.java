package org.parlons.platform;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings every module shares ({@code parlons.*}).
 *
 * @param timeZone the zone screens show times in
 * @param publicUrl where the networks reach this server ({@code https://parlons.example.org}), without a trailing
 * slash; empty when it is not reachable from outside
 */
@ConfigurationProperties("parlons")
public record PlatformSettings(@DefaultValue("Europe/Paris") ZoneId timeZone, @DefaultValue("") String publicUrl) {

	public PlatformSettings {
		publicUrl = publicUrl.strip().replaceAll("/+$", "");
	}

}
