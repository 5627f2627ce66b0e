package org.parlons.platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.ext.javatime.deser.InstantDeserializer;
import tools.jackson.databind.ext.javatime.deser.LocalDateDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * What a JSON body may hold, checked when it is read, before anything reaches the
 * database, so that H2 and PostgreSQL answer alike: text without U+0000 or a lone
 * surrogate (PostgreSQL stores neither, H2 stores both), dates within the years 1 to 9999
 * (ISO 8601's four digits), and, in request bodies, no {@code null} inside a list. A body
 * that breaks one of these is a 400 naming the field.
 */
public final class JsonInput {

	static final int FIRST_YEAR = 1;

	static final int LAST_YEAR = 9999;

	private JsonInput() {
	}

	/** The text and date rules, for payloads read by hand (webhooks, stored JSON). */
	static JsonMapper.Builder checked(JsonMapper.Builder builder) {
		return builder.addModule(module());
	}

	/** Every rule, for the request bodies of the API. */
	static JsonMapper.Builder requests(JsonMapper.Builder builder) {
		JsonSetter.Value noNulls = JsonSetter.Value.forContentNulls(Nulls.FAIL);
		for (Class<?> type : List.of(List.class, Set.class, Collection.class)) {
			builder.withConfigOverride(type, o -> o.setNullHandling(noNulls));
		}
		return checked(builder);
	}

	/**
	 * Why a text cannot be stored, or null when it can: U+0000, or half of a surrogate
	 * pair without the other half.
	 */
	public static String problemWith(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == 0) {
				return "holds the character U+0000";
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return "holds half of a surrogate pair (U+" + Integer.toHexString(c).toUpperCase() + ")";
			}
			if (Character.isLowSurrogate(c)) {
				return "holds half of a surrogate pair (U+" + Integer.toHexString(c).toUpperCase() + ")";
			}
		}
		return null;
	}

	private static JacksonModule module() {
		SimpleModule module = new SimpleModule("parlons-input");
		module.addDeserializer(String.class, new CheckedText());
		checkDates(module, Instant.class, InstantDeserializer.INSTANT);
		checkDates(module, OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME);
		checkDates(module, ZonedDateTime.class, InstantDeserializer.ZONED_DATE_TIME);
		checkDates(module, LocalDate.class, LocalDateDeserializer.INSTANCE);
		return module;
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <T> void checkDates(SimpleModule module, Class<T> type, ValueDeserializer<T> reader) {
		module.addDeserializer(type, (ValueDeserializer) new CheckedDate(reader));
	}

	private static final class CheckedText extends StringDeserializer {

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			String text = super.deserialize(p, ctxt);
			String problem = text == null ? null : problemWith(text);
			if (problem != null) {
				throw InvalidFormatException.from(p, "The text " + problem + ", which cannot be stored", text,
						String.class);
			}
			return text;
		}

	}

	private static final class CheckedDate extends DelegatingDeserializer {

		CheckedDate(ValueDeserializer<?> delegate) {
			super(delegate);
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new CheckedDate(delegate);
		}

		@Override
		public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			Object value = super.deserialize(p, ctxt);
			int year = yearOf(value);
			if (year < FIRST_YEAR || year > LAST_YEAR) {
				throw InvalidFormatException.from(p, "The date is in the year " + year
						+ "; dates must fall between the years " + FIRST_YEAR + " and " + LAST_YEAR, value,
						value.getClass());
			}
			return value;
		}

		private static int yearOf(Object value) {
			if (value instanceof Instant instant) {
				return instant.atOffset(java.time.ZoneOffset.UTC).getYear();
			}
			return ((TemporalAccessor) value).get(ChronoField.YEAR);
		}

	}

}
