package org.parlons.demo;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.parlons.agents.AgentPrincipal;
import org.parlons.agents.InboxScope;
import org.parlons.conversations.Commitment;
import org.parlons.conversations.ConversationStatus;
import org.parlons.conversations.Inbox;
import org.parlons.conversations.InboundMessage;
import org.parlons.conversations.Message;
import org.parlons.conversations.MessageStatus;
import org.parlons.conversations.Placement;
import org.parlons.conversations.Visibility;
import org.parlons.customers.Author;
import org.parlons.customers.Identity;
import org.parlons.platform.TravellingClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's 90 days as steps at moments (a customer writes, an agent answers, a rule
 * fires, a supervisor approves), planned first, then replayed in time order with the
 * server's clock set to each moment, so every row carries the time the story says and the
 * clock only moves forward while the steps are written.
 */
final class DemoStory {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final Logger log = LoggerFactory.getLogger(DemoStory.class);

	/** What the seeder does at a moment of the story. */
	private record Step(Instant at, int order, Runnable action) {
	}

	private final PriorityQueue<Step> story = new PriorityQueue<>(
			Comparator.comparing(Step::at).thenComparingInt(Step::order));

	private final DemoSeeder.Services services;

	private final TravellingClock clock;

	private final Random random;

	private final Instant now;

	DemoStory(DemoSeeder.Services services, TravellingClock clock, Random random, Instant now) {
		this.services = services;
		this.clock = clock;
		this.random = random;
		this.now = now;
	}

	/** Writes every step in time order; a step the story did not foresee is skipped. */
	void replay() {
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
				// a rule refused a reply, say: the rest goes on
				if (skipped++ == 0) {
					log.warn("A demo step at {} was not written: {}", step.at(), ex.getMessage());
				}
			}
		}
		log.info("{} demo steps written, {} not", written, skipped);
	}

	/**
	 * Who writes a quick exchange: their message's id, as whom, with what their channel
	 * says.
	 */
	private record Writer(String messageId, Author author, InboundMessage.Details details) {
	}

	/**
	 * The web chat: short questions answered within minutes at the desk; some visitors
	 * say who they are, others stay anonymous (named by their profile's number).
	 */
	int chats(Inbox chat, AgentPrincipal answerer) {
		return exchanges(chat, answerer, 60, i -> {
			String key = "demo-visitor-" + i;
			String name = random.nextBoolean() ? null : DemoText.FIRST[random.nextInt(DemoText.FIRST.length)] + " "
					+ DemoText.LAST[random.nextInt(DemoText.LAST.length)];
			return new Writer("widget:" + key + ":1",
					new Author(name, List.of(Identity.external(Identity.ANONYMOUS_PREFIX + chat.id(), key))),
					InboundMessage.Details.NONE);
		});
	}

	/**
	 * WhatsApp: the same quick questions from customers' phones, answered within the
	 * network's 24-hour window.
	 */
	int whatsapp(Inbox inbox, AgentPrincipal answerer) {
		return exchanges(inbox, answerer, 40, i -> {
			String first = DemoText.FIRST[random.nextInt(DemoText.FIRST.length)];
			Person person = new Person(50_000 + i, first + " " + DemoText.LAST[random.nextInt(DemoText.LAST.length)],
					DemoText.address(first) + i + "@exemple.fr", "06" + String.format("%08d", 20_000_000 + i * 7919));
			return new Writer(person.messageId(inbox, "wa-" + i), person.author(inbox), Person.details(inbox));
		});
	}

	private int exchanges(Inbox inbox, AgentPrincipal answerer, int count,
			java.util.function.IntFunction<Writer> writers) {
		int written = 0;
		for (int i = 0; i < count; i++) {
			Instant at = atTheDesk(workingMoment(random, now));
			if (!at.isBefore(now.minus(Duration.ofMinutes(30)))) {
				continue;
			}
			written++;
			String[] exchange = DemoText.CHATS[random.nextInt(DemoText.CHATS.length)];
			Writer writer = writers.apply(i);
			long[] conversation = new long[1];
			story.add(new Step(at, 0,
					() -> conversation[0] = services.ingestion()
						.receive(new InboundMessage(inbox.id(), writer.messageId(), writer.author(), exchange[0],
								clock.instant(), Visibility.PRIVATE, null, null, List.of(), writer.details()))
						.conversationId()));
			story.add(new Step(at.plus(Duration.ofMinutes(1 + random.nextInt(6))), 1,
					() -> services.replies().reply(answerer, conversation[0], exchange[1], Visibility.PRIVATE)));
			Instant done = at.plus(Duration.ofMinutes(15 + random.nextInt(30)));
			if (done.isBefore(now)) {
				story.add(new Step(done, 2, () -> services.actions()
					.changeStatus(answerer, conversation[0], ConversationStatus.RESOLVED, null)));
			}
		}
		return written;
	}

	/**
	 * Mastodon: a few public questions to the brand's account over the 90 days, each
	 * answered in public within the half-hour at the desk.
	 */
	int mastodon(Inbox inbox, AgentPrincipal answerer) {
		int written = 0;
		for (int i = 0; i < 30; i++) {
			Instant at = workingMoment(random, now);
			Instant answered = atTheDesk(at.plus(Duration.ofMinutes(5 + random.nextInt(25))));
			if (!answered.isBefore(now)) {
				continue;
			}
			written++;
			String[] exchange = DemoText.MASTODON[random.nextInt(DemoText.MASTODON.length)];
			String first = DemoText.FIRST[random.nextInt(DemoText.FIRST.length)];
			String acct = DemoText.address(first) + (i + 1) + "@piaille.fr";
			String id = String.valueOf(110_000_000_000_000_000L + i * 7_919L);
			Author author = new Author(first, List.of(Identity.handle("mastodon", acct)));
			long[] conversation = new long[1];
			story.add(new Step(at, 0, () -> conversation[0] = services.ingestion()
				.receive(new InboundMessage(inbox.id(), id, author, "@teleo " + exchange[0], clock.instant(),
						Visibility.PUBLIC, null, null, List.of(),
						new InboundMessage.Details(List.of(), null, true, false, null, Placement.MENTION, null)))
				.conversationId()));
			story.add(new Step(answered, 1,
					() -> services.replies().reply(answerer, conversation[0], exchange[1], Visibility.PUBLIC)));
		}
		return written;
	}

	/** A customer of the story. */
	record Person(int number, String name, String email, String phone) {

		/**
		 * The customer as the inbox's channel knows them: an email inbox by their
		 * address, WhatsApp by their number, a company's own form or app by its customer
		 * number.
		 */
		Author author(Inbox inbox) {
			return switch (inbox.channel()) {
				case "email" -> new Author(name, List.of(Identity.email(email)));
				case "whatsapp" ->
					new Author(name, List.of(Identity.phone(phone, "FR"), Identity.external("whatsapp", whatsappId())));
				default -> new Author(name, List.of(Identity.external("inbox:" + inbox.id(), "client-" + number),
						Identity.email(email), Identity.phone(phone, "FR")));
			};
		}

		/**
		 * What the channel says besides the text: WhatsApp's messages are private ones.
		 */
		static InboundMessage.Details details(Inbox inbox) {
			return "whatsapp".equals(inbox.channel()) ? InboundMessage.Details.social(Placement.DIRECT, null)
					: InboundMessage.Details.NONE;
		}

		/** The WhatsApp id of a French number: 33 then the number without its 0. */
		String whatsappId() {
			return "33" + phone.substring(1);
		}

		/** The id of one of their messages, as their channel names it. */
		String messageId(Inbox inbox, String key) {
			return switch (inbox.channel()) {
				case "email" -> "<" + key + "@exemple.fr>";
				case "whatsapp" -> "wamid.demo-" + key;
				default -> key;
			};
		}

	}

	/**
	 * A moment of the last 90 days when customers write: mostly weekdays from 8 to 20 h
	 * (more in the morning and early afternoon), less on Saturdays, little on Sundays.
	 */
	static Instant workingMoment(Random random, Instant now) {
		while (true) {
			LocalDate day = LocalDate.ofInstant(now, PARIS).minusDays(1 + random.nextInt(DemoSeeder.DAYS));
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
	static Instant atTheDesk(Instant after) {
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

	/**
	 * A customer's conversation on a desk: the question, then what the desk makes of it.
	 */
	void conversation(Inbox inbox, Person person, Instant start, List<AgentPrincipal> answerers) {
		DemoText.Topic topic = DemoText.TOPICS[random.nextInt(DemoText.TOPICS.length)];
		String key = "demo-" + person.number();
		long[] conversation = new long[1];
		story.add(new Step(start, 0,
				() -> conversation[0] = services.ingestion()
					.receive(new InboundMessage(inbox.id(), person.messageId(inbox, key + "-0"), person.author(inbox),
							topic.question(), clock.instant(), Visibility.PRIVATE, null, topic.subject(), List.of(),
							Person.details(inbox)))
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
						.receive(new InboundMessage(inbox.id(), person.messageId(inbox, key + "-1"),
								person.author(inbox), topic.followUp(), clock.instant(), Visibility.PRIVATE,
								person.messageId(inbox, key + "-0"), null, List.of(), Person.details(inbox)))));
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
	void publicVoice(Inbox social, AgentPrincipal answerer) {
		for (int i = 0; i < 3 * DemoSeeder.DAYS; i++) {
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
	void approvals(Inbox web, AgentPrincipal julie, AgentPrincipal sophie) {
		Instant lastWeek = atTheDesk(now.minus(Duration.ofDays(6)));
		gesture(web, lastWeek, julie, sophie, 90_001, "Hélène Bonnet", "Sans internet depuis 10 jours",
				"Bonjour, cela fait dix jours que je n'ai plus internet et personne ne vient. Je veux être dédommagée.");
		Instant today = now.minus(Duration.ofMinutes(90));
		gesture(web, today, julie, null, 90_002, "Paul Girard", "Technicien absent",
				"Le technicien n'est pas venu, j'ai posé une journée pour rien. Je veux un geste commercial.");
	}

	private void gesture(Inbox web, Instant at, AgentPrincipal julie, @Nullable AgentPrincipal approver, int number,
			String name, String subject, String question) {
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

}
