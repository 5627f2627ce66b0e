package org.parlons.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.parlons.platform.Json;
import org.parlons.platform.LiveBus;
import org.parlons.platform.PlatformSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The live bus of several nodes: every message goes to one Kafka topic
 * ({@code parlons.live}), which each node reads whole in a consumer group of its own,
 * from the newest record on (what happened before it started is not live any more).
 * Presence goes the same way: each node tells what its streams serve when it changes and
 * every few seconds, and forgets what a node has not repeated for a while (a node that
 * died).
 */
@Component
@Profile("cluster")
class KafkaLiveBus implements LiveBus, SmartLifecycle, DisposableBean {

	static final String TOPIC = "parlons.live";

	private static final String PRESENCE = "presence";

	private static final Logger log = LoggerFactory.getLogger(KafkaLiveBus.class);

	/** What one node said its streams serve, and when. */
	private record Told(Map<String, Set<String>> keys, Instant at) {
	}

	private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();

	private final Map<String, Supplier<Set<String>>> local = new ConcurrentHashMap<>();

	private final Map<String, Told> others = new ConcurrentHashMap<>();

	private final KafkaTemplate<String, String> kafka;

	private final KafkaMessageListenerContainer<String, String> container;

	private final String node;

	private final Duration presenceLapse;

	private volatile Map<String, Set<String>> lastTold = Map.of();

	private volatile Instant lastToldAt = Instant.MIN;

	KafkaLiveBus(KafkaProperties kafkaProperties, PlatformSettings settings) {
		this.node = settings.cluster().node();
		this.presenceLapse = Duration.ofSeconds(30);
		this.kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer(kafkaProperties)));
		ContainerProperties properties = new ContainerProperties(TOPIC);
		properties.setPollTimeout(200);
		properties.setMessageListener((MessageListener<String, String>) this::handle);
		this.container = new KafkaMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(consumer(kafkaProperties, node)), properties);
		this.container.setBeanName("parlons-live");
	}

	/** Live: out at once, one acknowledgement is enough (a lost message is reloaded). */
	private static Map<String, Object> producer(KafkaProperties kafkaProperties) {
		Map<String, Object> producer = new HashMap<>(kafkaProperties.buildProducerProperties());
		producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		producer.put(ProducerConfig.LINGER_MS_CONFIG, 1);
		producer.put(ProducerConfig.ACKS_CONFIG, "1");
		producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
		return producer;
	}

	/**
	 * Each node in a group of its own, from the newest record: it reads the whole topic.
	 */
	private static Map<String, Object> consumer(KafkaProperties kafkaProperties, String node) {
		Map<String, Object> consumer = new HashMap<>(kafkaProperties.buildConsumerProperties());
		consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "parlons-live-" + node);
		consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		return consumer;
	}

	@Override
	public void publish(String kind, String json) {
		kafka.send(new ProducerRecord<>(TOPIC, kind, json)).whenComplete((sent, failed) -> {
			if (failed != null) {
				log.warn("A live {} message did not reach Kafka", kind, failed);
			}
		});
	}

	@Override
	public void subscribe(String kind, Consumer<String> handler) {
		handlers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(handler);
	}

	@Override
	public void present(String kind, Supplier<Set<String>> localKeys) {
		local.put(kind, localKeys);
	}

	@Override
	public boolean anywhere(String kind, String key) {
		Supplier<Set<String>> mine = local.get(kind);
		if (mine != null && mine.get().contains(key)) {
			return true;
		}
		Instant since = Instant.now().minus(presenceLapse);
		return others.values()
			.stream()
			.anyMatch(told -> told.at().isAfter(since) && told.keys().getOrDefault(kind, Set.of()).contains(key));
	}

	/**
	 * Tells the others what this node's streams serve: when it changed, else now and
	 * then.
	 */
	@Scheduled(fixedDelay = 1000, initialDelay = 1000)
	void tellPresence() {
		Map<String, Set<String>> now = new HashMap<>();
		local.forEach((kind, keys) -> now.put(kind, Set.copyOf(keys.get())));
		if (!now.equals(lastTold) || lastToldAt.isBefore(Instant.now().minusSeconds(5))) {
			lastTold = now;
			lastToldAt = Instant.now();
			kafka.send(new ProducerRecord<>(TOPIC, PRESENCE, Json.write(Map.of("node", node, "keys", now))));
		}
	}

	@SuppressWarnings("unchecked")
	private void handle(ConsumerRecord<String, String> record) {
		String kind = record.key();
		if (PRESENCE.equals(kind)) {
			Map<String, Object> told = Json.readMap(record.value());
			String from = (String) told.get("node");
			if (!node.equals(from)) {
				Map<String, Set<String>> keys = new HashMap<>();
				((Map<String, List<String>>) told.get("keys")).forEach((k, v) -> keys.put(k, Set.copyOf(v)));
				others.put(from, new Told(keys, Instant.now()));
			}
			return;
		}
		for (Consumer<String> handler : handlers.getOrDefault(kind, List.of())) {
			try {
				handler.accept(record.value());
			}
			catch (RuntimeException ex) {
				log.warn("A live {} message was not handled", kind, ex);
			}
		}
	}

	@Override
	public void start() {
		container.start();
	}

	@Override
	public void stop() {
		container.stop();
	}

	@Override
	public boolean isRunning() {
		return container.isRunning();
	}

	@Override
	public void destroy() {
		kafka.destroy();
	}

}
