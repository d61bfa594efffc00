package dev.reflex.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts secret values with AES-256-GCM under the key in a key file, which is created (mode 0600)
 * the first time a secret is stored.
 *
 * <p>A sealed value is {@code base64(version || 96-bit random nonce || ciphertext || 128-bit tag)};
 * the entry's name is authenticated with it, so a ciphertext copied to another name does not
 * decrypt. A missing key file while secrets exist, or a key that does not decrypt them, is an error
 * naming the file; values never appear in messages or logs. Nonces come from {@link SecureRandom}:
 * key material is the one place where randomness is not injected.
 */
final class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final byte VERSION = 1;
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    /** One stored secret, used to prove that a loaded key is the one the secrets were sealed with. */
    record Sealed(String name, String sealed) {
        @Override
        public String toString() {
            return "Sealed[name=" + name + "]";
        }
    }

    private final Path keyFile;
    private final Supplier<Optional<Sealed>> anyStoredSecret;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile SecretKey key;

    /**
     * @param keyFile         where the key is, or will be created
     * @param anyStoredSecret finds one secret already in the store, if there is any
     */
    SecretBox(Path keyFile, Supplier<Optional<Sealed>> anyStoredSecret) {
        this.keyFile = keyFile.toAbsolutePath();
        this.anyStoredSecret = anyStoredSecret;
    }

    /** Encrypts {@code plaintext} for the entry {@code name}. */
    String seal(String name, String plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(name));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.allocate(1 + NONCE_BYTES + ciphertext.length);
            out.put(VERSION).put(nonce).put(ciphertext);
            return Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new StoreException("encrypting the secret value of " + name + " failed", e);
        }
    }

    /** Decrypts the value {@link #seal} made for the entry {@code name}. */
    String open(String name, String sealed) {
        return open(key(), name, sealed);
    }

    private String open(SecretKey with, String name, String sealed) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the secret value of " + name + " is not in the stored format");
        }
        if (bytes.length < 1 + NONCE_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            throw new StoreException("the secret value of " + name + " is not in the stored format");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, with, new GCMParameterSpec(TAG_BITS, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(name));
            byte[] plain = cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new StoreException("the secret value of " + name + " cannot be decrypted with the key in "
                    + keyFile + ": it was encrypted with another key, or altered");
        } catch (GeneralSecurityException e) {
            throw new StoreException("decrypting the secret value of " + name + " failed", e);
        }
    }

    private static byte[] associatedData(String name) {
        return ("reflex.kv:" + name).getBytes(StandardCharsets.UTF_8);
    }

    private SecretKey key() {
        SecretKey k = key;
        if (k != null) {
            return k;
        }
        lock.lock();
        try {
            if (key == null) {
                key = Files.exists(keyFile) ? loadAndVerify() : create();
            }
            return key;
        } finally {
            lock.unlock();
        }
    }

    private SecretKey loadAndVerify() {
        SecretKey loaded = read();
        warnIfReadableByOthers();
        anyStoredSecret.get().ifPresent(sample -> {
            try {
                open(loaded, sample.name(), sample.sealed());
            } catch (StoreException e) {
                throw new StoreException("the key file " + keyFile + " does not decrypt the secrets already in "
                        + "the store: it is not the key they were encrypted with");
            }
        });
        return loaded;
    }

    private SecretKey read() {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new StoreException("the key file " + keyFile + " cannot be read", e);
        } catch (IllegalArgumentException e) {
            throw new StoreException("the key file " + keyFile + " is not a base64-encoded 256-bit key");
        }
        if (raw.length != KEY_BYTES) {
            throw new StoreException("the key file " + keyFile + " is not a base64-encoded 256-bit key");
        }
        return new SecretKeySpec(raw, "AES");
    }

    private void warnIfReadableByOthers() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
            if (!PosixFilePermissions.fromString("rw-------").containsAll(permissions)) {
                log.warn("the secret key file {} is accessible to other users ({}); it should be 0600", keyFile,
                        PosixFilePermissions.toString(permissions));
            }
        } catch (UnsupportedOperationException | IOException e) {
            log.debug("cannot read the permissions of {}", keyFile, e);
        }
    }

    private SecretKey create() {
        if (anyStoredSecret.get().isPresent()) {
            throw new StoreException("the key file " + keyFile + " is missing, but the store holds secret values "
                    + "encrypted with it; restore that file: without it secrets can be neither read nor written");
        }
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        byte[] text = (Base64.getEncoder().encodeToString(raw) + "\n").getBytes(StandardCharsets.US_ASCII);
        Path dir = keyFile.getParent();
        Path temp = dir.resolve(keyFile.getFileName() + ".tmp");
        try {
            Files.createDirectories(dir);
            Files.deleteIfExists(temp);
            createOwnerOnly(temp);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text));
                channel.force(true);
            }
            moveIntoPlace(temp);
            syncDirectory(dir);
        } catch (IOException e) {
            throw new StoreException("creating the key file " + keyFile + " failed", e);
        }
        log.info("created the secret key file {}; back it up: secrets cannot be read without it", keyFile);
        return new SecretKeySpec(raw, "AES");
    }

    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
    }

    private void moveIntoPlace(Path temp) throws IOException {
        try {
            Files.createLink(keyFile, temp);
            Files.delete(temp);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temp);
            throw new StoreException("the key file " + keyFile + " appeared while it was being created; "
                    + "another process uses the same data directory");
        } catch (UnsupportedOperationException e) {
            try {
                Files.move(temp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException atomic) {
                Files.move(temp, keyFile);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.debug("cannot fsync directory {}", dir, e);
        }
    }
}
