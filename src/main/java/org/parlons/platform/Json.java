package org.parlons.platform;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON kept as text in the database: one mapper, no surprises between H2 and PostgreSQL.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonInput.checked(JsonMapper.builder()).build();

	private Json() {
	}

	public static String write(Object value) {
		return MAPPER.writeValueAsString(value);
	}

	public static Map<String, Object> readMap(String json) {
		if (json == null || json.isBlank()) {
			return Map.of();
		}
		return MAPPER.readValue(json, new TypeReference<Map<String, Object>>() {
		});
	}

	public static <T> T read(String json, TypeReference<T> type) {
		return MAPPER.readValue(json, type);
	}

}
