package dev.switchboard.standalone;

import dev.switchboard.core.config.Settings;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * The standalone server's TLS: an {@link SSLContext} from the PKCS#12 keystore named by
 * {@value #KEYSTORE}, opened with {@value #PASSWORD} (the store's and its key's password; keytool
 * makes them equal for PKCS#12). Every mistake becomes a one-line message naming the key. Stateless.
 */
final class TlsKeystore {

    static final String KEYSTORE = "SWITCHBOARD_TLS_KEYSTORE";
    static final String PASSWORD = "SWITCHBOARD_TLS_KEYSTORE_PASSWORD";

    private TlsKeystore() {
    }

    /**
     * @return the server's TLS context, or {@code null} when {@value #KEYSTORE} is unset (plain ws:// and http://)
     * @throws IllegalArgumentException naming the key when the file is missing, unreadable, not PKCS#12,
     *                                  the password is wrong or the store holds no key
     */
    static SSLContext from(Settings settings) {
        String file = settings.text(KEYSTORE, null);
        String password = settings.text(PASSWORD, null);
        if (file == null) {
            if (password != null) {
                throw new IllegalArgumentException(PASSWORD + " is set but " + KEYSTORE + " is not");
            }
            return null;
        }
        if (password == null) {
            throw new IllegalArgumentException(KEYSTORE + " is set but " + PASSWORD + " is not");
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException(KEYSTORE + " names '" + file + "', which does not exist or is not a file");
        }
        KeyStore store = load(path, password.toCharArray());
        try {
            if (Collections.list(store.aliases()).stream().noneMatch(alias -> isKey(store, alias))) {
                throw new IllegalArgumentException(KEYSTORE + ": '" + file + "' holds no private key with a certificate");
            }
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException(PASSWORD + " opens '" + file + "' but not its private key: "
                    + "give the key the keystore's password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(KEYSTORE + ": '" + file + "' cannot serve TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new IllegalArgumentException(PASSWORD + " does not open '" + path + "': wrong password", e);
            }
            throw new IllegalArgumentException(KEYSTORE + ": '" + path + "' cannot be read as a PKCS#12 keystore: "
                    + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(KEYSTORE + ": '" + path + "' cannot be read as a PKCS#12 keystore: "
                    + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias) && store.getCertificate(alias) != null;
        } catch (KeyStoreException e) {
            return false;
        }
    }
}
