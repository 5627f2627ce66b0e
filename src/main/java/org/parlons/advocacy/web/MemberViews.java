package org.parlons.advocacy.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.parlons.advocacy.Contract;
import org.parlons.advocacy.Ledger;
import org.parlons.advocacy.Members;
import org.parlons.advocacy.Rewards;
import org.parlons.agents.Agents;
import org.parlons.customers.Customers;
import org.springframework.stereotype.Component;

/** Members as the API and the pages show them: with their name and points. */
@Component
class MemberViews {

	/**
	 * A member.
	 *
	 * @param id the membership's number
	 * @param programmeId the programme
	 * @param customerId the customer, for a customer member
	 * @param agentId the agent, for a staff member
	 * @param mission what they are asked to do
	 * @param termEndsOn when their term ends
	 * @param activeSince when they first became active
	 * @param endedAt when they left
	 * @param statusChangedAt when their status last changed
	 * @param name the customer's or agent's name
	 * @param status "nominated", "vetted", "active", "suspended" or "alumni"
	 * @param contract what binds them, and whether their posts must disclose it
	 * @param delegateAgentId the account they speak through, if any
	 * @param delegatedMandate that account's delegated mandate, described
	 * @param points lifetime, spent, reserved and spendable points, and the level
	 */
	record View(long id, long programmeId, @Nullable Long customerId, @Nullable Long agentId, String name,
			String status, @Nullable String mission, @Nullable LocalDate termEndsOn, ContractView contract,
			@Nullable Long delegateAgentId, @Nullable String delegatedMandate, @Nullable Instant activeSince,
			@Nullable Instant endedAt, Instant statusChangedAt, Ledger.Balance points) {
	}

	/**
	 * A contract.
	 *
	 * @param kind "unpaid", "in_kind" or "paid"
	 * @param amount what is paid, or the value of what is given
	 * @param currency ISO 4217
	 * @param disclosure a wording the contract asks for on top of the accepted ones
	 * @param requiresDisclosure whether the member's posts about the brand must say it
	 */
	record ContractView(String kind, java.math.@Nullable BigDecimal amount, @Nullable String currency,
			@Nullable String disclosure, boolean requiresDisclosure) {

		static ContractView of(Contract c) {
			return new ContractView(c.kind().api(), c.amount(), c.currency(), c.disclosure(), c.requiresDisclosure());
		}

	}

	/**
	 * A member and what happened to them.
	 *
	 * @param member the member
	 * @param history every transition, the first first
	 * @param ledger the latest lines of their points
	 * @param redemptions their requests for rewards
	 */
	record Detail(View member, List<Members.Transition> history, List<Ledger.Line> ledger,
			List<Rewards.Redemption> redemptions) {
	}

	private final Customers customers;

	private final Agents agents;

	private final Members members;

	private final Ledger ledger;

	private final Rewards rewards;

	MemberViews(Customers customers, Agents agents, Members members, Ledger ledger, Rewards rewards) {
		this.customers = customers;
		this.agents = agents;
		this.members = members;
		this.ledger = ledger;
		this.rewards = rewards;
	}

	View of(Members.Member m) {
		String name;
		if (m.customerId() != null) {
			Map<Long, Customers.Summary> s = customers.summaries(List.of(m.customerId()));
			name = s.containsKey(m.customerId()) ? s.get(m.customerId()).displayName() : "#" + m.customerId();
		}
		else {
			name = agents.namesOf(List.of(m.agentId())).getOrDefault(m.agentId(), "#" + m.agentId());
		}
		return new View(m.id(), m.programmeId(), m.customerId(), m.agentId(), name, m.status().api(), m.mission(),
				m.termEndsOn(), ContractView.of(m.contract()), m.delegateAgentId(),
				m.delegateAgentId() == null ? null : members.delegatedMandate(m.id()), m.activeSince(), m.endedAt(),
				m.statusChangedAt(), ledger.balance(m.id()));
	}

	Detail detail(Members.Member m) {
		return new Detail(of(m), members.history(m.id()), ledger.lines(m.id(), 100), rewards.ofMember(m.id()));
	}

}
