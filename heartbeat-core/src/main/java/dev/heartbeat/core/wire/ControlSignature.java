package dev.heartbeat.core.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import dev.heartbeat.core.config.InvalidConfigException;

/**
 * The signature of a control record: hex HMAC-SHA256, keyed with the shared secret, over
 * {@code key + "\n" + value + "\n" + timestamp} where timestamp is the record's timestamp in
 * epoch milliseconds, written in decimal.
 */
public final class ControlSignature {

	/** The shortest secret accepted, in bytes (UTF-8). */
	public static final int MIN_SECRET_BYTES = 32;


	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	/**
	 * A signer/verifier for a secret.
	 * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes in UTF-8
	 * @throws InvalidConfigException for field {@code secret}, {@linkplain InvalidConfigException#isSecret()
	 * masked}, if the secret is too short
	 */
	public ControlSignature(String secret) {
		byte[] bytes = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
		if (bytes.length < MIN_SECRET_BYTES) {
			throw InvalidConfigException.secret("secret",
					"must have at least " + MIN_SECRET_BYTES + " bytes (UTF-8), the configured value has " + bytes.length);
		}
		this.key = new SecretKeySpec(bytes, ALGORITHM);
	}

	/**
	 * Sign a control record.
	 * @param key the record key (process id or {@code *})
	 * @param value the record value
	 * @param timestamp the record timestamp, epoch ms
	 * @return lower-case hex HMAC-SHA256
	 */
	public String sign(String key, String value, long timestamp) {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			byte[] digest = mac.doFinal(signedText(key, value, timestamp).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/**
	 * Check a signature in constant time.
	 * @param key the record key
	 * @param value the record value
	 * @param timestamp the record timestamp, epoch ms
	 * @param signature the hex signature from the header, may be {@code null}
	 * @return whether it matches
	 */
	public boolean verify(String key, String value, long timestamp, @Nullable String signature) {
		if (signature == null) {
			return false;
		}
		byte[] expected = sign(key, value, timestamp).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = signature.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(expected, actual);
	}

	/**
	 * The text that is signed.
	 * @param key the record key
	 * @param value the record value
	 * @param timestamp the record timestamp
	 * @return {@code key + "\n" + value + "\n" + timestamp}
	 */
	public static String signedText(String key, String value, long timestamp) {
		return key + "\n" + value + "\n" + timestamp;
	}

}
