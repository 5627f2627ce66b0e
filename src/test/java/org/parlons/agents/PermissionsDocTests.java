package org.parlons.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The README and docs/permissions.md draw the matrix the code enforces, cell by cell. */
class PermissionsDocTests {

	@Test
	void theReadmesTableIsTheMatrix() throws IOException {
		check("README.md");
	}

	@Test
	void theReferencesTableIsTheMatrix() throws IOException {
		check("docs/permissions.md");
	}

	private static void check(String file) throws IOException {
		List<String> rows = Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith("| `")).toList();
		assertThat(rows).hasSize(Permission.values().length);
		Role[] roles = { Role.ADMIN, Role.SUPERVISOR, Role.AGENT, Role.ANALYST };
		for (String row : rows) {
			String[] cells = row.split("\\|");
			Permission p = Permission.fromApi(cells[1].strip().replace("`", ""));
			for (int r = 0; r < roles.length; r++) {
				String cell = cells[3 + r].strip();
				String expected = roles[r].may(p) ? "yes" : p.grantable() && roles[r] != Role.ANALYST ? "grant" : "no";
				assertThat(cell).as(p.api() + " for " + roles[r].name().toLowerCase(Locale.ROOT)).isEqualTo(expected);
			}
		}
	}

}
