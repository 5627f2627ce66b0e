package org.parlons.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.Agent;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.AgentRegistration;
import org.parlons.agents.InboxAccess;
import org.parlons.agents.InboxScope;
import org.parlons.agents.Mandate;
import org.parlons.agents.Role;
import org.parlons.agents.Team;
import org.parlons.agents.Teams;
import org.parlons.channels.InboxSetup;
import org.parlons.conversations.CannedResponses;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.ConversationActions;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Inboxes;
import org.parlons.conversations.Ingestion;
import org.parlons.conversations.Message;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Replies;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.governance.Approvals;
import org.parlons.listening.Topics;
import org.parlons.platform.TravellingClock;
import org.parlons.reporting.ReportRollups;
import org.parlons.routing.EscalationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Seeds Téléo's customer service: teams, agents, inboxes with service levels and business
 * hours, rules, canned replies, and 90 days of history written through the real
 * ingestion, reply, approval and escalation paths, the server's clock set back to each
 * moment ({@link TravellingClock}): questions in working hours (fewer at weekends),
 * answers minutes to hours later (some past the service level), follow-ups, resolutions,
 * escalations, a held gesture approved and one waiting, and in the last hours a bad buzz
 * on the public channel. Nothing is dated after the moment it is written. Runs only with
 * {@code PARLONS_DEMO=true} and only on a workspace without inboxes.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	static final String PASSWORD = "parlons-demo";

	static final int DAYS = 90;

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	/** What the seeder does at a moment of the story. */
	private record Step(Instant at, int order, Runnable action) {
	}

	private final DemoSettings settings;

	private final Services services;

	private final TravellingClock clock;

	/** The services the demo writes through, gathered to keep the constructor short. */
	@Component
	record Services(Inboxes inboxes, InboxSetup setup, AgentRegistration registration, Teams teams, Ingestion ingestion,
			Replies replies, ConversationActions actions, CannedResponses canned, InboxAccess access,
			Approvals approvals, EscalationRules rules, Topics topics, ReportRollups rollups) {
	}

	DemoSeeder(DemoSettings settings, Services services, TravellingClock clock) {
		this.settings = settings;
		this.services = services;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!settings.enabled() || !services.inboxes().findAll().isEmpty()) {
			return;
		}
		log.info("Seeding the Téléo demo workspace (90 days of history)…");
		Instant now = clock.instant();
		try {
			clock.setTo(now.minus(Duration.ofDays(DAYS + 1)));
			int conversations = seed(new Random(2011), now);
			clock.present();
			services.rollups().rebuild(LocalDate.now(PARIS).minusDays(DAYS + 1), LocalDate.now(PARIS));
			log.info(
					"Demo ready: {} conversations over {} days. Sign in as sophie.laurent@teleo.fr / {} "
							+ "(supervisor) or julie.martin@teleo.fr / {} (agent).",
					conversations, DAYS, PASSWORD, PASSWORD);
		}
		finally {
			clock.present();
		}
	}

	private int seed(Random random, Instant now) {
		Map<String, Object> service = Map.of("sla", Map.of("firstResponse", "PT4H", "resolution", "PT72H"),
				"businessHours", Map.of("zone", "Europe/Paris", "mon", "08:30-19:00", "tue", "08:30-19:00", "wed",
						"08:30-19:00", "thu", "08:30-19:00", "fri", "08:30-19:00", "sat", "09:00-13:00"));
		Inbox web = services.setup().create("Formulaire de contact", "api", service, true);
		Inbox app = services.setup().create("Application mobile", "api", service, true);
		Inbox shops = services.setup().create("Boutiques partenaires", "api", Map.of(), true);
		Inbox social = services.setup().create("Mentions publiques", "api", Map.of(), false);
		Inbox chat = services.setup()
			.create("Chat du site", "widget",
					Map.of("welcome", "Bonjour ! Une question sur votre box ou votre forfait ?"), true);

		Agent sophie = agent("sophie.laurent@teleo.fr", "Sophie Laurent", Role.SUPERVISOR, "500");
		Agent julie = agent("julie.martin@teleo.fr", "Julie Martin", Role.AGENT, "50");
		Agent karim = agent("karim.benali@teleo.fr", "Karim Benali", Role.AGENT, "50");
		Agent ines = agent("ines.moreau@teleo.fr", "Inès Moreau", Role.AGENT, "80");
		Agent thomas = agent("thomas.petit@teleo.fr", "Thomas Petit", Role.AGENT, "50");
		Agent marc = agent("marc.dubois@teleo.fr", "Marc Dubois", Role.ANALYST, null);
		Team care = services.teams()
			.create("Service client", List.of(web.id(), app.id(), social.id(), chat.id()),
					List.of(julie.id(), karim.id(), ines.id(), sophie.id()));
		Team billing = services.teams().create("Facturation", List.of(web.id()), List.of(ines.id(), thomas.id()));
		services.teams().create("Réseau de boutiques", List.of(shops.id()), List.of(thomas.id(), sophie.id()));
		services.teams()
			.create("Études", List.of(web.id(), app.id(), shops.id(), social.id(), chat.id()), List.of(marc.id()));

		services.canned()
			.create("bonjour", "Accueil", "Bonjour {{customer.firstName}},\n\nMerci pour votre message. ", null);
		services.canned().create("signature", "Signature", "Bien cordialement,\n{{agent.name}}, l'équipe Téléo", null);
		services.canned()
			.create("panne", "Incident réseau", "Un incident touche actuellement votre secteur ; nos équipes sont "
					+ "mobilisées et le service devrait être rétabli dans la journée.", care.id());
		services.rules()
			.create(sophie.id(),
					new EscalationRules.Draft("Menace de litige", EscalationRules.Kind.KEYWORDS,
							List.of("UFC", "avocat", "association de consommateurs", "médiateur"), null, null, null,
							null, billing.id(), null, null, null));
		services.rules()
			.create(sophie.id(), new EscalationRules.Draft("Demande un responsable", EscalationRules.Kind.MANAGER,
					List.of(), null, null, null, null, null, sophie.id(), null, null));
		services.topics().create("Panne Lyon", List.of("panne", "lyon"));
		services.topics().create("Facturation", List.of("facture", "prélèvement", "frais"));

		List<Inbox> desks = List.of(web, app, shops);
		List<AgentPrincipal> answerers = List.of(new AgentPrincipal(julie), new AgentPrincipal(karim),
				new AgentPrincipal(ines), new AgentPrincipal(thomas), new AgentPrincipal(sophie));
		PriorityQueue<Step> story = new PriorityQueue<>(Comparator.comparing(Step::at).thenComparingInt(Step::order));
		int conversations = 0;
		for (int c = 0; c < 420; c++) {
			String first = DemoText.FIRST[random.nextInt(DemoText.FIRST.length)];
			String last = DemoText.LAST[random.nextInt(DemoText.LAST.length)];
			Person person = new Person(c, first + " " + last, DemoText.address(first + "." + last + c) + "@exemple.fr",
					"06" + String.format("%08d", random.nextInt(100_000_000)));
			Inbox inbox = desks.get(random.nextInt(10) < 6 ? 0 : random.nextInt(10) < 7 ? 1 : 2);
			Instant start = workingMoment(random, now);
			plan(story, random, inbox, person, start, now, answerers);
			conversations++;
		}
		planPublicVoice(story, random, social, now, new AgentPrincipal(julie));
		int chats = planChats(story, random, chat, now, new AgentPrincipal(karim));
		planApprovals(story, web, now, new AgentPrincipal(julie), new AgentPrincipal(sophie));
		int written = 0;
		int skipped = 0;
		while (!story.isEmpty()) {
			Step step = story.poll();
			clock.setTo(step.at());
			try {
				step.action().run();
				written++;
			}
			catch (RuntimeException ex) {
				// a step the story did not foresee (a rule refused a reply): the rest
				// goes on
				if (skipped++ == 0) {
					log.warn("A demo step at {} was not written: {}", step.at(), ex.getMessage());
				}
			}
		}
		log.info("{} demo steps written, {} not", written, skipped);
		return conversations + chats + 2;
	}

	/**
	 * The web chat: short questions answered within minutes at the desk; some visitors
	 * say who they are, others stay anonymous (named by their profile's number).
	 */
	private int planChats(PriorityQueue<Step> story, Random random, Inbox chat, Instant now, AgentPrincipal answerer) {
		int count = 0;
		for (int i = 0; i < 60; i++) {
			Instant at = atTheDesk(workingMoment(random, now));
			if (!at.isBefore(now.minus(Duration.ofMinutes(30)))) {
				continue;
			}
			count++;
			String[] exchange = DemoText.CHATS[random.nextInt(DemoText.CHATS.length)];
			String key = "demo-visitor-" + i;
			String name = random.nextBoolean() ? null : DemoText.FIRST[random.nextInt(DemoText.FIRST.length)] + " "
					+ DemoText.LAST[random.nextInt(DemoText.LAST.length)];
			Author visitor = new Author(name, List.of(Identity.external(Identity.ANONYMOUS_PREFIX + chat.id(), key)));
			long[] conversation = new long[1];
			story.add(new Step(at, 0,
					() -> conversation[0] = services.ingestion()
						.receive(new InboundMessage(chat.id(), "widget:" + key + ":1", visitor, exchange[0],
								clock.instant(), Visibility.PRIVATE, null, null, List.of()))
						.conversationId()));
			story.add(new Step(at.plus(Duration.ofMinutes(1 + random.nextInt(6))), 1,
					() -> services.replies().reply(answerer, conversation[0], exchange[1], Visibility.PRIVATE)));
			Instant done = at.plus(Duration.ofMinutes(15 + random.nextInt(30)));
			if (done.isBefore(now)) {
				story.add(new Step(done, 2, () -> services.actions()
					.changeStatus(answerer, conversation[0], ConversationStatus.RESOLVED, null)));
			}
		}
		return count;
	}

	/** A customer of the story. */
	private record Person(int number, String name, String email, String phone) {

		Author author(Inbox inbox) {
			return new Author(name, List.of(Identity.external("inbox:" + inbox.id(), "client-" + number),
					Identity.email(email), Identity.phone(phone, "FR")));
		}

	}

	/**
	 * A moment of the last 90 days when customers write: mostly weekdays from 8 to 20 h
	 * (more in the morning and early afternoon), less on Saturdays, little on Sundays.
	 */
	private static Instant workingMoment(Random random, Instant now) {
		while (true) {
			LocalDate day = LocalDate.ofInstant(now, PARIS).minusDays(1 + random.nextInt(DAYS));
			double weight = switch (day.getDayOfWeek()) {
				case SATURDAY -> 0.45;
				case SUNDAY -> 0.2;
				default -> 1.0;
			};
			if (random.nextDouble() > weight) {
				continue;
			}
			int[] hours = { 8, 9, 9, 10, 10, 10, 11, 11, 12, 13, 14, 14, 15, 15, 16, 17, 18, 19, 20, 21 };
			LocalTime time = LocalTime.of(hours[random.nextInt(hours.length)], random.nextInt(60), random.nextInt(60));
			Instant moment = ZonedDateTime.of(day, time, PARIS).toInstant();
			if (moment.isBefore(now.minus(Duration.ofHours(2)))) {
				return moment;
			}
		}
	}

	/** The next moment someone is at the desk, after {@code after}. */
	private static Instant atTheDesk(Instant after) {
		ZonedDateTime t = after.atZone(PARIS);
		for (int i = 0; i < 14 * 24; i++) {
			boolean open = t.getDayOfWeek() != DayOfWeek.SUNDAY && t.getHour() >= 9
					&& t.getHour() < (t.getDayOfWeek() == DayOfWeek.SATURDAY ? 13 : 19);
			if (open) {
				return t.toInstant();
			}
			t = t.plusHours(1).withMinute(2 + (int) (after.getEpochSecond() % 40));
		}
		return after;
	}

	private void plan(PriorityQueue<Step> story, Random random, Inbox inbox, Person person, Instant start, Instant now,
			List<AgentPrincipal> answerers) {
		DemoText.Topic topic = DemoText.TOPICS[random.nextInt(DemoText.TOPICS.length)];
		String key = "demo-" + person.number();
		long[] conversation = new long[1];
		story.add(new Step(start, 0,
				() -> conversation[0] = services.ingestion()
					.receive(new InboundMessage(inbox.id(), key + "-0", person.author(inbox), topic.question(),
							clock.instant(), Visibility.PRIVATE, null, topic.subject(), List.of()))
					.conversationId()));
		boolean recent = start.isAfter(now.minus(Duration.ofDays(3)));
		int stage = random.nextInt(10);
		if (recent && stage < 3) {
			return; // waiting for a first answer
		}
		// most answers within the hour at the desk, some after the four-hour target
		Duration delay = Duration
			.ofMinutes(random.nextInt(10) < 8 ? 5 + random.nextInt(55) : 240 + random.nextInt(600));
		Instant answered = atTheDesk(start.plus(delay));
		if (!answered.isBefore(now)) {
			return;
		}
		AgentPrincipal agent = answererFor(inbox, answerers, random);
		story.add(new Step(answered, 1,
				() -> services.replies().reply(agent, conversation[0], topic.answer(), Visibility.PRIVATE)));
		Instant followUp = answered.plus(Duration.ofMinutes(20 + random.nextInt(60 * 20)));
		if (stage < 5 && followUp.isBefore(now)) {
			story.add(new Step(followUp, 2,
					() -> services.ingestion()
						.receive(new InboundMessage(inbox.id(), key + "-1", person.author(inbox), topic.followUp(),
								clock.instant(), Visibility.PRIVATE, key + "-0", null, List.of()))));
			Instant second = atTheDesk(followUp.plus(Duration.ofMinutes(10 + random.nextInt(120))));
			if (second.isBefore(now) && !recent) {
				story.add(new Step(second, 3,
						() -> services.replies()
							.reply(agent, conversation[0], "C'est noté, je m'en occupe et reviens vers vous.",
									Visibility.PRIVATE)));
			}
		}
		Instant resolved = atTheDesk(answered.plus(Duration.ofHours(2 + random.nextInt(60))));
		if (resolved.isBefore(now) && (!recent || stage >= 8)) {
			story.add(new Step(resolved, 4, () -> {
				services.actions().label(agent, conversation[0], topic.label());
				services.actions().changeStatus(agent, conversation[0], ConversationStatus.RESOLVED, null);
			}));
		}
		else if (stage == 9) {
			story.add(new Step(answered.plus(Duration.ofMinutes(1)), 4,
					() -> services.actions().changeStatus(agent, conversation[0], ConversationStatus.PENDING, null)));
		}
	}

	private AgentPrincipal answererFor(Inbox inbox, List<AgentPrincipal> answerers, Random random) {
		AgentPrincipal agent = answerers.get(random.nextInt(answerers.size()));
		return services.access().scopeOf(agent).includes(inbox.id()) ? agent : answerers.get(answerers.size() - 1);
	}

	/**
	 * The public channel: a few mentions a day for 90 days, then in the last hours a
	 * burst of complaints about an outage in Lyon (the bad buzz the listening page warns
	 * of).
	 */
	private void planPublicVoice(PriorityQueue<Step> story, Random random, Inbox social, Instant now,
			AgentPrincipal answerer) {
		for (int i = 0; i < 3 * DAYS; i++) {
			Instant at = workingMoment(random, now);
			String text = DemoText.PUBLIC_DAILY[random.nextInt(DemoText.PUBLIC_DAILY.length)];
			String author = "@" + DemoText.address(DemoText.FIRST[random.nextInt(DemoText.FIRST.length)]) + i;
			story.add(new Step(at, 0,
					() -> services.ingestion()
						.receive(new InboundMessage(social.id(), "public-" + author, publicAuthor(author), text,
								clock.instant(), Visibility.PUBLIC, null, null, List.of()))));
		}
		Instant burst = now.minus(Duration.ofMinutes(150));
		for (int i = 0; i < 45; i++) {
			Instant at = burst.plus(Duration.ofSeconds(random.nextInt(120 * 60)));
			String text = DemoText.PUBLIC_BURST[random.nextInt(DemoText.PUBLIC_BURST.length)];
			String author = "@" + DemoText.address(DemoText.LAST[random.nextInt(DemoText.LAST.length)]) + "_lyon" + i;
			long[] conversation = new long[1];
			story.add(new Step(at, 0,
					() -> conversation[0] = services.ingestion()
						.receive(new InboundMessage(social.id(), "buzz-" + author, publicAuthor(author), text,
								clock.instant(), Visibility.PUBLIC, null, null, List.of()))
						.conversationId()));
			if (i % 6 == 0) {
				story.add(new Step(at.plus(Duration.ofMinutes(12)), 1, () -> services.replies()
					.reply(answerer, conversation[0],
							"Nous sommes désolés : un incident touche Lyon depuis ce matin, nos techniciens sont sur place. "
									+ "Nous vous tenons informés ici.",
							Visibility.PUBLIC)));
			}
		}
	}

	private static Author publicAuthor(String handle) {
		return new Author(handle, List.of(Identity.handle("x", handle)));
	}

	/**
	 * Two gestures beyond Julie's mandate (50 €): one approved by Sophie the day after,
	 * one waiting in the approvals this morning.
	 */
	private void planApprovals(PriorityQueue<Step> story, Inbox web, Instant now, AgentPrincipal julie,
			AgentPrincipal sophie) {
		Instant lastWeek = atTheDesk(now.minus(Duration.ofDays(6)));
		gesture(story, web, lastWeek, julie, sophie, 90_001, "Hélène Bonnet", "Sans internet depuis 10 jours",
				"Bonjour, cela fait dix jours que je n'ai plus internet et personne ne vient. Je veux être dédommagée.");
		Instant today = now.minus(Duration.ofMinutes(90));
		gesture(story, web, today, julie, null, 90_002, "Paul Girard", "Technicien absent",
				"Le technicien n'est pas venu, j'ai posé une journée pour rien. Je veux un geste commercial.");
	}

	private void gesture(PriorityQueue<Step> story, Inbox web, Instant at, AgentPrincipal julie,
			@Nullable AgentPrincipal approver, int number, String name, String subject, String question) {
		Person person = new Person(number, name, DemoText.address(name.replace(' ', '.')) + "@exemple.fr",
				"07" + String.format("%08d", number));
		long[] conversation = new long[1];
		story.add(new Step(at, 0,
				() -> conversation[0] = services.ingestion()
					.receive(new InboundMessage(web.id(), "demo-gesture-" + number, person.author(web), question,
							clock.instant(), Visibility.PRIVATE, null, subject, List.of()))
					.conversationId()));
		long[] held = new long[1];
		story.add(new Step(at.plus(Duration.ofMinutes(25)), 1, () -> {
			Message reply = services.replies()
				.reply(julie, conversation[0],
						"Bonjour, nous sommes vraiment désolés. Nous vous accordons un geste de 80 € sur votre "
								+ "prochaine facture.",
						Visibility.PRIVATE, null, true, new Commitment(new BigDecimal("80"), "EUR"));
			held[0] = reply.status() == MessageStatus.PENDING_APPROVAL ? reply.id() : 0;
		}));
		if (approver != null) {
			story.add(new Step(at.plus(Duration.ofHours(20)), 2,
					() -> services.approvals()
						.list("pending", InboxScope.ALL)
						.stream()
						.filter(a -> a.messageId() == held[0])
						.findFirst()
						.ifPresent(a -> services.approvals().approve(approver, a.id(), null))));
		}
	}

	private Agent agent(String email, String name, Role role, @Nullable String maxGesture) {
		Mandate mandate = maxGesture == null ? Mandate.NONE : new Mandate(new BigDecimal(maxGesture), "EUR");
		return services.registration().register(email, name, PASSWORD, role, mandate);
	}

}
