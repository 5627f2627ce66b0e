package org.parlons.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Whether an empty workspace is seeded with the Téléo demo ({@code parlons.demo.enabled},
 * {@code PARLONS_DEMO}).
 *
 * @param enabled seed it
 */
@ConfigurationProperties("parlons.demo")
record DemoSettings(@DefaultValue("false") boolean enabled) {
}
