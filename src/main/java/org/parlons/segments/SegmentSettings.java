package org.parlons.segments;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of segments and scores ({@code parlons.segments.*}).
 *
 * @param interval how often the customers something happened to are looked at again
 * @param settle how long a stored message or mention is left alone before it is read, so
 * that none is skipped
 * @param sweep how often a segment whose condition counts over a window is evaluated over
 * the whole base again, so that time alone moves customers out
 */
@ConfigurationProperties("parlons.segments")
record SegmentSettings(@DefaultValue("PT2S") Duration interval, @DefaultValue("PT2S") Duration settle,
		@DefaultValue("PT1H") Duration sweep) {

	static final String BEAN = "@'parlons.segments-org.parlons.segments.SegmentSettings'";

}
