package org.parlons.portal;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.parlons.customers.CustomerErasing;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The days a customer read their space and how many pages (UTC days): what a customer
 * reads of their requests, contracts and answers, counted without keeping which page.
 */
@Component
public class PortalVisits implements WebMvcConfigurer, HandlerInterceptor {

	private final JdbcClient jdbc;

	private final Clock clock;

	PortalVisits(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/portal/**").excludePathPatterns("/portal/api/**");
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@org.jspecify.annotations.Nullable Exception ex) {
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		if ("GET".equals(request.getMethod()) && response.getStatus() == 200 && who != null
				&& who.getPrincipal() instanceof PortalCustomer me) {
			read(me.customerId(), clock.instant());
		}
	}

	/** Counts a page read by the customer at that time. */
	void read(long customerId, Instant at) {
		LocalDate day = at.atOffset(ZoneOffset.UTC).toLocalDate();
		jdbc.sql(
				"merge into portal_visit v using (select cast(? as bigint) as customer_id, cast(? as date) as visit_day) s "
						+ "on v.customer_id = s.customer_id and v.visit_day = s.visit_day when matched then update set pages = v.pages + 1 "
						+ "when not matched then insert (customer_id, visit_day, pages) values (s.customer_id, s.visit_day, 1)")
			.params(customerId, Date.valueOf(day))
			.update();
	}

	/**
	 * The days those profiles read their space in the period, and the pages they read.
	 */
	public Visits of(Collection<Long> profileIds, Instant from, Instant to) {
		if (profileIds.isEmpty()) {
			return new Visits(0, 0);
		}
		return jdbc.sql(
				"select count(distinct visit_day), coalesce(sum(pages), 0) from portal_visit where customer_id in (:ids) "
						+ "and visit_day >= :from and visit_day < :to")
			.param("ids", List.copyOf(profileIds))
			.param("from", Date.valueOf(from.atOffset(ZoneOffset.UTC).toLocalDate()))
			.param("to", Date.valueOf(to.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)))
			.query((rs, n) -> new Visits(rs.getLong(1), rs.getLong(2)))
			.single();
	}

	/** Days with a visit and pages read. */
	public record Visits(long days, long pages) {
	}

	@EventListener
	void on(CustomerErasing event) {
		jdbc.sql("delete from portal_visit where customer_id in (:ids)")
			.param("ids", List.copyOf(event.profileIds()))
			.update();
	}

}
