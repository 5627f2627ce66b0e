package org.parlons.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.parlons.conversations.ConversationChanged;
import org.parlons.conversations.MessageReceived;
import org.parlons.customers.CustomerMerged;
import org.parlons.platform.Crypto;
import org.parlons.platform.Json;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.modulith.events.EventExternalizationConfiguration;
import org.springframework.modulith.events.RoutingTarget;

/**
 * The domain events other systems and other nodes read, on Kafka as CloudEvents in binary
 * mode (the CloudEvents Kafka protocol binding: {@code ce_*} headers,
 * {@code content-type}, the event as JSON in the value), described in
 * {@code docs/asyncapi.yaml}. A conversation's events share its id as key, so they stay
 * in order on one partition; a customer's, the customer's. A publication completes only
 * once the broker acknowledged it (Spring Modulith's externalization from the event
 * publication registry), so an event is sent at least once: its {@code ce_id} is the same
 * each time, and a consumer ignores an id it has seen.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class CloudEvents {

	static final String CONVERSATIONS = "parlons.conversations";

	static final String CUSTOMERS = "parlons.customers";

	static final String SOURCE = "urn:parlons";

	@Bean
	EventExternalizationConfiguration cloudEventsOnKafka() {
		return EventExternalizationConfiguration.externalizing()
			.select(event -> event instanceof MessageReceived || event instanceof ConversationChanged
					|| event instanceof CustomerMerged)
			.route(MessageReceived.class,
					e -> RoutingTarget.forTarget(CONVERSATIONS).andKey(Long.toString(e.conversationId())))
			.route(ConversationChanged.class,
					e -> RoutingTarget.forTarget(CONVERSATIONS).andKey(Long.toString(e.conversationId())))
			.route(CustomerMerged.class, e -> RoutingTarget.forTarget(CUSTOMERS).andKey(Long.toString(e.survivorId())))
			.headers(CloudEvents::headers)
			.build();
	}

	@Bean
	NewTopic conversationsTopic() {
		return TopicBuilder.name(CONVERSATIONS).partitions(6).build();
	}

	@Bean
	NewTopic customersTopic() {
		return TopicBuilder.name(CUSTOMERS).partitions(6).build();
	}

	@Bean
	NewTopic liveTopic() {
		// one partition: every node reads it whole, in order
		return TopicBuilder.name(KafkaLiveBus.TOPIC).partitions(1).build();
	}

	/** The CloudEvents attributes of an event, as Kafka headers (UTF-8 bytes). */
	static Map<String, Object> headers(Object event) {
		String type = type(event);
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("ce_specversion", bytes("1.0"));
		// the same event sent again has the same id
		headers.put("ce_id",
				bytes(Crypto.sha256Hex((type + "\n" + Json.write(event)).getBytes(StandardCharsets.UTF_8))));
		headers.put("ce_source", bytes(SOURCE));
		headers.put("ce_type", bytes(type));
		headers.put("ce_subject", bytes(subject(event)));
		headers.put("ce_time", bytes(Instant.now().toString()));
		headers.put("content-type", bytes("application/json"));
		return headers;
	}

	/**
	 * {@code org.parlons.message-received}, {@code org.parlons.conversation.assigned},
	 * {@code org.parlons.customer-merged}.
	 */
	static String type(Object event) {
		String name = kebab(event.getClass().getSimpleName());
		return event instanceof ConversationChanged ? "org.parlons.conversation." + name : "org.parlons." + name;
	}

	private static String subject(Object event) {
		if (event instanceof MessageReceived m) {
			return "conversations/" + m.conversationId() + "/messages/" + m.messageId();
		}
		if (event instanceof ConversationChanged c) {
			return "conversations/" + c.conversationId();
		}
		return event instanceof CustomerMerged m ? "customers/" + m.survivorId() : "";
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
