package org.parlons.portal.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotNull;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.customers.Customers;
import org.parlons.platform.Refusals;
import org.parlons.portal.Contracts;
import org.parlons.portal.PortalSignIn;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer space seen from the company's side: sign-in links agents issue, and the
 * contracts and consumption the company's systems push.
 */
@RestController
@RequestMapping("/api/v1/customers/{id}")
class CustomerSpaceApi {

	private final PortalSignIn signIn;

	private final Contracts contracts;

	private final Customers customers;

	private final PortalLinks links;

	CustomerSpaceApi(PortalSignIn signIn, Contracts contracts, Customers customers, PortalLinks links) {
		this.signIn = signIn;
		this.contracts = contracts;
		this.customers = customers;
		this.links = links;
	}

	/**
	 * A contract as the company's systems know it.
	 *
	 * @param name what the customer calls it ("Fibre 1 Gb/s")
	 * @param status "active", "suspended", "ended"…
	 * @param startsOn its first day (ISO date)
	 * @param endsOn its last day, if it has one
	 * @param options what else the customer should see of it
	 */
	record ContractBody(@NotNull String name, @NotNull String status, @NotNull String startsOn, @Nullable String endsOn,
			@Nullable Map<String, Object> options) {
	}

	/**
	 * What was consumed over a period.
	 *
	 * @param contract the contract's external id
	 * @param metric what was measured ("data", "calls", "kWh")
	 * @param unit its unit ("GB", "min")
	 * @param from the period's first day (ISO date)
	 * @param to its last day
	 * @param quantity how much
	 */
	record ConsumptionBody(@NotNull String contract, @NotNull String metric, @NotNull String unit, @NotNull String from,
			@NotNull String to, @NotNull BigDecimal quantity) {
	}

	/**
	 * A list.
	 *
	 * @param items its elements, in order
	 */
	record Items<T>(List<T> items) {
	}

	/**
	 * A single-use sign-in link to the customer's space, for the agent to hand over;
	 * valid {@code parlons.portal.link-validity} (at most 24 h).
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/portal-invitations")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> invite(@AuthenticationPrincipal AgentPrincipal me, @PathVariable long id,
			HttpServletRequest request) {
		return Map.of("url", signIn.invite(id, me.id(), links.base(request)));
	}

	/**
	 * Makes or updates the customer's contract known by the company's own id; the
	 * customer sees it in their space.
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PutMapping("/contracts/{externalId}")
	Contracts.Contract putContract(@PathVariable long id, @PathVariable String externalId,
			@RequestBody ContractBody body) {
		return contracts.put(id, externalId, body.name(), body.status(), day(body.startsOn(), "startsOn"),
				body.endsOn() == null || body.endsOn().isBlank() ? null : day(body.endsOn(), "endsOn"), body.options());
	}

	/** The contracts of the customer and of every profile merged into theirs. */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/contracts")
	Items<Contracts.Contract> contracts(@PathVariable long id) {
		requireCustomer(id);
		return new Items<>(contracts.ofCustomer(id));
	}

	/**
	 * Records what the customer consumed of one metric over one period under one of their
	 * contracts; the same period again replaces the quantity.
	 */
	@Requires(Permission.EDIT_CUSTOMERS)
	@PostMapping("/consumption")
	@ResponseStatus(HttpStatus.CREATED)
	Contracts.Consumption consumed(@PathVariable long id, @RequestBody ConsumptionBody body) {
		return contracts.record(id, body.contract(), body.metric(), body.unit(), day(body.from(), "from"),
				day(body.to(), "to"), body.quantity());
	}

	/**
	 * What the customer (every merged profile) consumed, by contract, metric and period.
	 */
	@Requires(Permission.READ_CONVERSATIONS)
	@GetMapping("/consumption")
	Items<Contracts.Consumption> consumption(@PathVariable long id) {
		requireCustomer(id);
		return new Items<>(contracts.consumptionOf(customers.aliasesOf(customers.current(id))));
	}

	private void requireCustomer(long id) {
		if (customers.findById(id).isEmpty()) {
			throw new org.parlons.platform.NotFoundException("No customer " + id);
		}
	}

	/** An ISO date, or the date of an ISO date-time. */
	static LocalDate day(String value, String field) {
		String text = value.strip();
		try {
			return LocalDate.parse(text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text);
		}
		catch (DateTimeParseException ex) {
			throw Refusals.invalid("contracts.refused.date",
					field + " must be an ISO date (2026-12-01), not '" + value + "'", field, value);
		}
	}

}
