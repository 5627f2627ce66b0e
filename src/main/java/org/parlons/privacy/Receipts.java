package org.parlons.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.parlons.platform.Json;
import org.parlons.platform.SecretBox;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Consent receipts: each decision as a signed JSON document the customer keeps, shaped
 * after the Kantara Initiative's Consent Receipt (v1.1) with the W3C DPV's words for the
 * lawful basis, signed with Ed25519 as a JWS in its flattened JSON form (RFC 7515, RFC
 * 8037). Anyone can check it with the public key at {@code /portal/receipt-keys.json}.
 * The key pair is made at first use and kept in the database, its private half sealed
 * with the server's secrets key, so every node signs with it.
 */
@Service
public class Receipts {

	private static final byte[] ED25519_SPKI_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

	private static final Map<String, String> DPV_BASIS = Map.of("consent", "dpv:Consent", "contract", "dpv:Contract",
			"legal-obligation", "dpv:LegalObligation", "legitimate-interest", "dpv:LegitimateInterest");

	private final JdbcClient jdbc;

	private final SecretBox secrets;

	private final Purposes purposes;

	private final Clock clock;

	private final String controller;

	Receipts(JdbcClient jdbc, SecretBox secrets, Purposes purposes, Clock clock, PrivacySettings settings) {
		this.jdbc = jdbc;
		this.secrets = secrets;
		this.purposes = purposes;
		this.clock = clock;
		this.controller = settings.controller();
	}

	private record Key(String kid, byte[] publicRaw, PrivateKey privateKey) {
	}

	/** The receipt of a decision, signed. */
	public Map<String, Object> receipt(Consents.Decision d) {
		Purposes.Purpose p = purposes.get(d.purpose());
		Map<String, Object> purpose = new LinkedHashMap<>();
		purpose.put("purpose", "fr".equals(d.language()) ? p.titleFr() : p.titleEn());
		purpose.put("purposeCategory", List.of(p.key()));
		purpose.put("consentType", "EXPLICIT");
		purpose.put("piiCategory", List.of("contact details"));
		purpose.put("primaryPurpose", !p.promotional());
		purpose.put("termination", "withdrawal by the customer, at any time, in their space");
		purpose.put("thirdPartyDisclosure", false);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("version", "KI-CR-v1.1.0");
		body.put("jurisdiction", "EU");
		body.put("consentTimestamp", d.decidedAt().getEpochSecond());
		body.put("collectionMethod", d.source());
		body.put("consentReceiptID", d.receiptId());
		body.put("language", d.language());
		body.put("piiPrincipalId", "customer:" + d.customerId());
		body.put("piiControllers", List.of(Map.of("piiController", controller)));
		body.put("services", List.of(Map.of("service", controller, "purposes", List.of(purpose))));
		body.put("sensitive", false);
		body.put("spiCat", List.of());
		Map<String, Object> decision = new LinkedHashMap<>();
		decision.put("purpose", p.key());
		decision.put("granted", d.granted());
		decision.put("channel", d.channel());
		decision.put("decidedAt", d.decidedAt().toString());
		decision.put("noticeHash", d.noticeHash());
		decision.put("lawfulBasis", p.lawfulBasis());
		decision.put("dpv:hasLegalBasis", DPV_BASIS.get(p.lawfulBasis()));
		decision.put("dpv:hasConsentStatus", d.granted() ? "dpv:ConsentGiven" : "dpv:ConsentWithdrawn");
		body.put("decision", decision);
		return sign(Json.write(body));
	}

	/** The public keys receipts are signed with, as a JWK set (RFC 7517, RFC 8037). */
	public Map<String, Object> keys() {
		Key key = key();
		return Map.of("keys", List.of(Map.of("kty", "OKP", "crv", "Ed25519", "kid", key.kid(), "use", "sig", "alg",
				"EdDSA", "x", b64(key.publicRaw()))));
	}

	private Map<String, Object> sign(String payload) {
		Key key = key();
		String header = b64(Json.write(Map.of("alg", "EdDSA", "kid", key.kid(), "typ", "consent-receipt+json"))
			.getBytes(StandardCharsets.UTF_8));
		String body = b64(payload.getBytes(StandardCharsets.UTF_8));
		try {
			Signature signer = Signature.getInstance("Ed25519");
			signer.initSign(key.privateKey());
			signer.update((header + "." + body).getBytes(StandardCharsets.US_ASCII));
			Map<String, Object> jws = new LinkedHashMap<>();
			jws.put("payload", body);
			jws.put("protected", header);
			jws.put("signature", b64(signer.sign()));
			return jws;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot sign a receipt", ex);
		}
	}

	private Key key() {
		var stored = jdbc
			.sql("select kid, public_key, private_key from signing_key order by created_at fetch first 1 rows only")
			.query((rs, n) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.optional();
		if (stored.isEmpty()) {
			create();
			return key();
		}
		String[] row = stored.get();
		try {
			byte[] pkcs8 = Base64.getDecoder().decode((String) secrets.open(Map.of("secret", row[2])).get("secret"));
			PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			return new Key(row[0], Base64.getDecoder().decode(row[1]), privateKey);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot read the receipts' signing key", ex);
		}
	}

	private void create() {
		try {
			KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
			byte[] spki = pair.getPublic().getEncoded();
			byte[] raw = Arrays.copyOfRange(spki, ED25519_SPKI_PREFIX.length, spki.length);
			String sealed = (String) secrets
				.seal(Map.of("secret", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())))
				.get("secret");
			jdbc.sql("insert into signing_key (kid, public_key, private_key, created_at) values (?, ?, ?, ?)")
				.params("receipts-1", Base64.getEncoder().encodeToString(raw), sealed, Timestamp.from(clock.instant()))
				.update();
		}
		catch (DuplicateKeyException raced) {
			// another node made it first: theirs is the key
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot make the receipts' signing key", ex);
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
