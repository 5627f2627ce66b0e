package org.parlons.curation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of curation ({@code parlons.curation.*}).
 *
 * @param readInterval how often sources due are looked for
 * @param readEvery how long a source that answered is left before it is read again
 * @param publishInterval how often scheduled editions due are looked for
 * @param publisher the name the editions' feeds and pages are signed with
 * @param digestPurpose the consent purpose an edition's email digest serves: it goes only
 * to customers who gave it
 */
@ConfigurationProperties("parlons.curation")
public record CurationSettings(@DefaultValue("PT30S") Duration readInterval, @DefaultValue("PT15M") Duration readEvery,
		@DefaultValue("PT5S") Duration publishInterval, @DefaultValue("Parlons") String publisher,
		@DefaultValue("offers") String digestPurpose) {

	static final String BEAN = "@'parlons.curation-org.parlons.curation.CurationSettings'";

}
