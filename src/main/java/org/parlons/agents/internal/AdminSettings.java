package org.parlons.agents.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first administrator, made on an empty database ({@code parlons.admin.*},
 * {@code PARLONS_ADMIN_EMAIL} and {@code PARLONS_ADMIN_PASSWORD}).
 *
 * @param email their sign-in
 * @param password their password; when empty one is generated and printed once in the log
 */
@ConfigurationProperties("parlons.admin")
record AdminSettings(@DefaultValue("admin@parlons.local") String email, @DefaultValue("") String password) {
}
