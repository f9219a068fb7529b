package io.netloom.server.claims;

import io.netloom.domain.ids.AccountId;
import io.netloom.domain.ids.PeerId;
import io.netloom.domain.peer.WireguardPublicKey;
import io.netloom.projections.directory.Directory;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who holds a WireGuard key according to the committed claims, which may be a moment ahead of the
 * read model. Used only to settle a lost race for a key; the answer must never reach a caller of
 * another account.
 */
@Component
public class PublicKeyHolders {

    private final JdbcTemplate jdbc;

    public PublicKeyHolders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Directory.PeerRef> holderOf(WireguardPublicKey key) {
        return jdbc.query("SELECT account_id, peer_id FROM peer_claim WHERE public_key = ?",
                (row, index) -> new Directory.PeerRef(new AccountId(row.getString(1)), new PeerId(row.getString(2))),
                key.base64()).stream().findFirst();
    }
}
