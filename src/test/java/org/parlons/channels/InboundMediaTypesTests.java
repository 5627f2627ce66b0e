package org.parlons.channels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A fetched file is kept as what it is, and only when it is what was announced. */
class InboundMediaTypesTests {

	@Test
	void theServedTypeNamesAFileAnnouncedByItsKindAndAnotherKindIsRefused() {
		assertThat(InboundMedia.typeOf("image/*", "image/png")).isEqualTo("image/png");
		assertThat(InboundMedia.typeOf("video/*", "video/mp4; codecs=avc1")).isEqualTo("video/mp4");
		assertThat(InboundMedia.typeOf("image/jpeg", "image/jpeg")).isEqualTo("image/jpeg");
		assertThat(InboundMedia.typeOf("application/pdf", "application/octet-stream")).isEqualTo("application/pdf");
		assertThat(InboundMedia.typeOf("application/octet-stream", "audio/ogg")).isEqualTo("audio/ogg");
		assertThat(InboundMedia.typeOf("image/*", "text/html; charset=utf-8")).isNull();
		assertThat(InboundMedia.typeOf("image/jpeg", "application/json")).isNull();
	}

}
