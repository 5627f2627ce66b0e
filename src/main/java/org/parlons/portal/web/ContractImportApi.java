package org.parlons.portal.web;

import java.io.StringReader;
import java.util.Locale;

import org.parlons.agents.Permission;
import org.parlons.agents.Requires;
import org.parlons.platform.InvalidRequestException;
import org.parlons.portal.ContractImport;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Contracts and consumption from the company's systems in bulk, as CSV, all or nothing
 * (see {@link ContractImport} for the columns).
 */
@RestController
@Requires(Permission.IMPORT_CUSTOMERS)
class ContractImportApi {

	private final ContractImport imports;

	ContractImportApi(ContractImport imports) {
		this.imports = imports;
	}

	/**
	 * Imports contracts: {@code customer} or {@code email}, {@code externalId},
	 * {@code name}, {@code status}, {@code startsOn}, {@code endsOn} (optional), any
	 * other column an option. A file with a bad line imports nothing and answers 422 with
	 * each line's error.
	 */
	@PostMapping(path = "/api/v1/contracts/import", consumes = "text/csv")
	ContractImport.Report contracts(@RequestBody String body, Locale locale) {
		return checked(imports.contracts(new StringReader(body), locale));
	}

	/**
	 * Imports consumption: {@code customer} or {@code email}, {@code contract} (its
	 * external id), {@code metric}, {@code unit}, {@code from}, {@code to},
	 * {@code quantity}. A file with a bad line imports nothing and answers 422 with each
	 * line's error.
	 */
	@PostMapping(path = "/api/v1/consumption/import", consumes = "text/csv")
	ContractImport.Report consumption(@RequestBody String body, Locale locale) {
		return checked(imports.consumption(new StringReader(body), locale));
	}

	private static ContractImport.Report checked(ContractImport.Report report) {
		if (report.rejected()) {
			InvalidRequestException rejected = InvalidRequestException.said(
					"contracts.import.rejected", "Nothing was imported: " + report.errors().size()
							+ " line(s) cannot be taken. " + report.errors().get(0),
					String.valueOf(report.errors().size()), report.errors().get(0));
			rejected.getBody().setProperty("errors", report.errors());
			throw rejected;
		}
		return report;
	}

}
