package org.parlons.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's title, version and ways in: a personal token
 * ({@code Authorization: Bearer …}, what programs should use) or an agent's email and
 * password (HTTP Basic). Operations and fields are described by the handlers' own
 * Javadoc.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocument {

	@Bean
	OpenAPI parlonsOpenApi(@Value("${parlons.version:0.1.0}") String version) {
		return new OpenAPI()
			.info(new Info().title("Parlons API")
				.version(version)
				.description("The Social CRM's API: conversations and replies, customers, governance, listening "
						+ "and reports. Answers are JSON; errors are problem+json (RFC 9457). Programs authenticate "
						+ "with a personal token (POST /api/v1/tokens, then Authorization: Bearer <token>); "
						+ "HTTP Basic with an agent's email and password works too but checks a bcrypt hash on "
						+ "every request. See docs/api-guide.md.")
				.license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
			.components(new Components()
				.addSecuritySchemes("bearer",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("bearer")
							.description("A personal API token (POST /api/v1/tokens)"))
				.addSecuritySchemes("basic",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("An agent's email and password")))
			.addSecurityItem(new SecurityRequirement().addList("bearer"))
			.addSecurityItem(new SecurityRequirement().addList("basic"));
	}

}
