package org.parlons.customers;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the customer records ({@code parlons.customers.*}).
 *
 * @param defaultRegion the region of phone numbers written without {@code +} (ISO 3166
 * code)
 */
@ConfigurationProperties("parlons.customers")
record CustomerSettings(@DefaultValue("FR") String defaultRegion) {
}
