package org.parlons.portal;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.parlons.customers.Customers;
import org.parlons.platform.Json;
import org.parlons.platform.NotFoundException;
import org.parlons.platform.Refusals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contracts and consumption, as the company's own systems push them: a contract is known
 * by the external id those systems give it (pushing it again updates it), a quantity of
 * one metric over one period likewise. The customer reads those of all their merged
 * profiles; agents see them beside the conversation.
 */
@Service
public class Contracts {

	/**
	 * A contract.
	 *
	 * @param id Parlons' number of it
	 * @param customerId the profile it was pushed for
	 * @param externalId the company's own id of it
	 * @param name what the customer calls it
	 * @param status as the company says it ("active", "suspended", "ended"…)
	 * @param options what the company lists of it (options, tariff, address…)
	 * @param startsOn its first day
	 * @param endsOn its last day, if it has one
	 * @param updatedAt when the company last pushed it
	 */
	public record Contract(long id, long customerId, String externalId, String name, String status, LocalDate startsOn,
			@Nullable LocalDate endsOn, Map<String, Object> options, Instant updatedAt) {
	}

	/**
	 * What was consumed of one metric over one period, under one contract.
	 *
	 * @param id Parlons' number of it
	 * @param contract the contract's external id
	 * @param metric what was measured ("data", "calls", "kWh")
	 * @param unit its unit ("GB", "min")
	 * @param from the period's first day
	 * @param to the period's last day
	 * @param quantity how much
	 */
	public record Consumption(long id, String contract, String metric, String unit, LocalDate from, LocalDate to,
			BigDecimal quantity) {
	}

	static final int MAX_NAME = 300;

	private final JdbcClient jdbc;

	private final Customers customers;

	private final Clock clock;

	private final org.springframework.context.ApplicationEventPublisher events;

	Contracts(JdbcClient jdbc, Customers customers, Clock clock,
			org.springframework.context.ApplicationEventPublisher events) {
		this.events = events;
		this.jdbc = jdbc;
		this.customers = customers;
		this.clock = clock;
	}

	/** Makes or updates the customer's contract of that external id. */
	@Transactional
	public Contract put(long customerId, String externalId, String name, String status, LocalDate startsOn,
			@Nullable LocalDate endsOn, @Nullable Map<String, Object> options) {
		requireCustomer(customerId);
		String id = text(externalId, 200, "externalId");
		String title = text(name, MAX_NAME, "name");
		String state = text(status, 40, "status").toLowerCase(java.util.Locale.ROOT);
		if (endsOn != null && endsOn.isBefore(startsOn)) {
			throw Refusals.invalid("contracts.refused.endsBefore", "A contract cannot end before it starts");
		}
		Timestamp now = Timestamp.from(clock.instant());
		String json = Json.write(options == null ? Map.of() : options);
		jdbc.sql("merge into customer_contract c using (select cast(? as bigint) as customer_id, "
				+ "cast(? as varchar(200)) as external_id) v on c.customer_id = v.customer_id and c.external_id = v.external_id "
				+ "when matched then update set name = ?, status = ?, starts_on = ?, ends_on = ?, options = ?, "
				+ "updated_at = ? when not matched then insert (customer_id, external_id, name, status, starts_on, "
				+ "ends_on, options, updated_at) values (v.customer_id, v.external_id, ?, ?, ?, ?, ?, ?)")
			.params(customerId, id, title, state, Date.valueOf(startsOn), endsOn == null ? null : Date.valueOf(endsOn),
					json, now, title, state, Date.valueOf(startsOn), endsOn == null ? null : Date.valueOf(endsOn), json,
					now)
			.update();
		events.publishEvent(new ContractChanged(customerId, id));
		return find(customerId, id).orElseThrow();
	}

	/** Records what was consumed over a period (again: replaces the quantity). */
	@Transactional
	public Consumption record(long customerId, String contractExternalId, String metric, String unit, LocalDate from,
			LocalDate to, BigDecimal quantity) {
		requireCustomer(customerId);
		Contract contract = ofCustomers(customers.aliasesOf(customers.current(customerId))).stream()
			.filter(c -> c.externalId().equals(contractExternalId))
			.findFirst()
			.orElseThrow(() -> Refusals.invalid("contracts.refused.unknownContract",
					"The customer has no contract '" + contractExternalId + "'", contractExternalId));
		String what = text(metric, 100, "metric");
		String per = text(unit, 40, "unit");
		if (to.isBefore(from)) {
			throw Refusals.invalid("contracts.refused.periodBackwards", "A period cannot end before it starts");
		}
		if (quantity.abs().compareTo(new BigDecimal("1e15")) >= 0 || quantity.scale() > 4) {
			throw Refusals.invalid("contracts.refused.quantity",
					"A quantity has at most 15 digits before the point and 4 after");
		}
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("merge into consumption k using (select cast(? as bigint) as contract_id, "
				+ "cast(? as varchar(100)) as metric, cast(? as date) as period_from, cast(? as date) as period_to) v on k.contract_id = v.contract_id "
				+ "and k.metric = v.metric and k.period_from = v.period_from and k.period_to = v.period_to "
				+ "when matched then update set unit = ?, quantity = ?, recorded_at = ? when not matched then insert "
				+ "(contract_id, metric, unit, period_from, period_to, quantity, recorded_at) values (v.contract_id, "
				+ "v.metric, ?, v.period_from, v.period_to, ?, ?)")
			.params(contract.id(), what, Date.valueOf(from), Date.valueOf(to), per, quantity, now, per, quantity, now)
			.update();
		events.publishEvent(new ContractChanged(contract.customerId(), contract.externalId()));
		return jdbc.sql(
				"select k.id, c.external_id, k.metric, k.unit, k.period_from, k.period_to, k.quantity from consumption k "
						+ "join customer_contract c on c.id = k.contract_id where k.contract_id = ? and k.metric = ? "
						+ "and k.period_from = ? and k.period_to = ?")
			.params(contract.id(), what, Date.valueOf(from), Date.valueOf(to))
			.query(Contracts::consumption)
			.single();
	}

	public Optional<Contract> find(long customerId, String externalId) {
		return jdbc
			.sql("select id, customer_id, external_id, name, status, starts_on, ends_on, options, updated_at "
					+ "from customer_contract where customer_id = ? and external_id = ?")
			.params(customerId, externalId)
			.query(Contracts::contract)
			.optional();
	}

	/** The contracts of these profiles, the latest started first. */
	public List<Contract> ofCustomers(Collection<Long> customerIds) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		return jdbc
			.sql("select id, customer_id, external_id, name, status, starts_on, ends_on, options, updated_at "
					+ "from customer_contract where customer_id = any(:ids) order by starts_on desc, id desc")
			.param("ids", customerIds.toArray(Long[]::new))
			.query(Contracts::contract)
			.list();
	}

	/** The contracts of a customer and every profile merged into theirs. */
	public List<Contract> ofCustomer(long customerId) {
		return ofCustomers(customers.aliasesOf(customers.current(customerId)));
	}

	/** What these profiles consumed, by contract, metric and period, oldest first. */
	public List<Consumption> consumptionOf(Collection<Long> customerIds) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		return jdbc.sql(
				"select k.id, c.external_id, k.metric, k.unit, k.period_from, k.period_to, k.quantity from consumption k "
						+ "join customer_contract c on c.id = k.contract_id where c.customer_id = any(:ids) "
						+ "order by c.external_id, k.metric, k.period_from, k.id")
			.param("ids", customerIds.toArray(Long[]::new))
			.query(Contracts::consumption)
			.list();
	}

	/**
	 * How much of one metric each of these profiles consumed in the periods that began on
	 * or after that day, over all their contracts.
	 */
	public Map<Long, BigDecimal> consumedBy(Collection<Long> customerIds, String metric, LocalDate since) {
		Map<Long, BigDecimal> consumed = new java.util.HashMap<>();
		if (!customerIds.isEmpty()) {
			jdbc.sql("select c.customer_id, sum(k.quantity) from consumption k join customer_contract c "
					+ "on c.id = k.contract_id where c.customer_id = any(:ids) and k.metric = :metric "
					+ "and k.period_from >= :since group by c.customer_id")
				.param("ids", customerIds.toArray(Long[]::new))
				.param("metric", metric)
				.param("since", java.sql.Date.valueOf(since))
				.query((rs, n) -> consumed.put(rs.getLong(1), rs.getBigDecimal(2)))
				.list();
		}
		return consumed;
	}

	private void requireCustomer(long customerId) {
		if (customers.findById(customerId).isEmpty()) {
			throw new NotFoundException("No customer " + customerId);
		}
	}

	private static String text(@Nullable String value, int max, String field) {
		String clean = value == null ? "" : value.strip();
		if (clean.isEmpty() || clean.length() > max) {
			throw Refusals.invalid("contracts.refused.field", field + " needs between 1 and " + max + " characters",
					field, max);
		}
		return clean;
	}

	private static Contract contract(ResultSet rs, int n) throws SQLException {
		Date ends = rs.getDate(7);
		String options = rs.getString(8);
		return new Contract(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getDate(6).toLocalDate(), ends == null ? null : ends.toLocalDate(),
				options == null ? Map.of() : Json.readMap(options), rs.getTimestamp(9).toInstant());
	}

	private static Consumption consumption(ResultSet rs, int n) throws SQLException {
		return new Consumption(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
				rs.getDate(5).toLocalDate(), rs.getDate(6).toLocalDate(), rs.getBigDecimal(7).stripTrailingZeros());
	}

}
