package org.parlons.network;

import org.parlons.customers.CustomerErasing;
import org.parlons.customers.EmployerSaid;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What the customers' module tells the network, in its transaction: the employer a
 * customer file names, and an erasure, after which the customer leaves the network at
 * once (ties, employments, job changes and tasks, leads, introductions to them, the
 * notice owed).
 */
@Component
class NetworkListeners {

	private final Ties ties;

	private final Employments employments;

	private final JobChanges jobChanges;

	private final Leads leads;

	private final Introductions introductions;

	private final ImportNotices notices;

	NetworkListeners(Ties ties, Employments employments, JobChanges jobChanges, Leads leads,
			Introductions introductions, ImportNotices notices) {
		this.ties = ties;
		this.employments = employments;
		this.jobChanges = jobChanges;
		this.leads = leads;
		this.introductions = introductions;
		this.notices = notices;
	}

	/** A customer file's employer column: their employment, a move if they moved. */
	@EventListener
	void on(EmployerSaid said) {
		employments.worksAt(said.customerId(), said.organisation(), said.title(), null, "csv", 0.9)
			.ifPresent(move -> jobChanges.moved(move, "csv"));
	}

	@EventListener
	void on(CustomerErasing erasing) {
		ties.forget(erasing.profileIds());
		employments.forget(erasing.profileIds());
		jobChanges.forget(erasing.profileIds());
		leads.forget(erasing.profileIds());
		introductions.forget(erasing.profileIds());
		notices.forget(erasing.profileIds());
	}

}
