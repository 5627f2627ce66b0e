package org.parlons.customers;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A customer's consent to be written to on a channel, as they gave or withdrew it
 * ("STOP", "START"): kept on the profile ({@code consent.<channel>} attribute, shown with
 * the other attributes) and in its history, so an agent sees why a reply cannot go.
 */
@Service
public class Consents {

	private final Customers customers;

	private final CustomerHistory history;

	private final Clock clock;

	Consents(Customers customers, CustomerHistory history, Clock clock) {
		this.customers = customers;
		this.history = history;
		this.clock = clock;
	}

	@Transactional
	public void record(long customerId, String channel, boolean granted, String source) {
		long id = customers.current(customerId);
		Customer customer = customers.findById(id).orElseThrow();
		Map<String, Object> attributes = new LinkedHashMap<>(customer.attributes());
		attributes.put(key(channel), Map.of("state", granted ? "opted-in" : "opted-out", "at",
				clock.instant().toString(), "source", source));
		customers.putAttributes(id, attributes);
		history.record(id, granted ? "consent-given" : "consent-withdrawn", channel + ": " + source, null);
	}

	/** Whether the customer said they no longer want messages on this channel. */
	public boolean optedOut(long customerId, String channel) {
		return customers.findById(customers.current(customerId))
			.map(c -> c.attributes().get(key(channel)) instanceof Map<?, ?> consent
					&& "opted-out".equals(consent.get("state")))
			.orElse(false);
	}

	private static String key(String channel) {
		return "consent." + channel;
	}

}
