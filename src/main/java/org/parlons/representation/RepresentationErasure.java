package org.parlons.representation;

import java.util.List;

import org.parlons.customers.CustomerErasing;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An erased customer's words leave representation: their candidate statements, the
 * subjects of the questions they raised, their roles and the reasons they gave for
 * mediation. The books stay: that they voted (never for whom), stood, held office.
 */
@Component
class RepresentationErasure {

	private final JdbcClient jdbc;

	RepresentationErasure(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener
	void on(CustomerErasing event) {
		List<Long> ids = List.copyOf(event.profileIds());
		jdbc.sql("update election_candidate set statement = null where customer_id in (:ids)")
			.param("ids", ids)
			.update();
		jdbc.sql("update representative_question set subject = '' where customer_id in (:ids)")
			.param("ids", ids)
			.update();
		jdbc.sql("update community_member set role = null where customer_id in (:ids)").param("ids", ids).update();
		jdbc.sql("update mediation set reason = '' where customer_id in (:ids)").param("ids", ids).update();
	}

}
