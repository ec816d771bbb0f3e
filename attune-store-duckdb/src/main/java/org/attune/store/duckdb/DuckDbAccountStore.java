package org.attune.store.duckdb;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.attune.core.security.Account;
import org.attune.core.security.AccountStore;
import org.attune.core.security.Role;
import org.attune.core.validation.ConflictException;

/** Studio accounts in the {@code accounts} table (migration 6); roles are stored by their JSON names. Thread-safe. */
final class DuckDbAccountStore implements AccountStore {
    private final GuardedConnection db;

    DuckDbAccountStore(GuardedConnection db) {
        this.db = db;
    }

    @Override
    public void save(Account account) {
        db.transaction("saving account " + account.name(), connection -> {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM accounts WHERE name = ?")) {
                exists.setString(1, account.name());
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        throw new ConflictException("account_exists", "An account named '" + account.name()
                                + "' already exists");
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO accounts VALUES (?, ?, ?, make_timestamp(?), make_timestamp(?))")) {
                insert.setString(1, account.name());
                insert.setString(2, account.role().jsonName());
                insert.setString(3, account.passwordHash());
                insert.setLong(4, Timestamps.micros(account.createdAt()));
                setInstantOrNull(insert, 5, account.disabledAt());
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<Account> list() {
        return db.read("listing accounts", connection -> {
            List<Account> accounts = new ArrayList<>();
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("""
                         SELECT name, role, password_hash, epoch_us(created_at), epoch_us(disabled_at)
                         FROM accounts ORDER BY created_at, name""")) {
                while (rows.next()) {
                    String role = rows.getString(2);
                    long disabledAt = rows.getLong(5);
                    boolean active = rows.wasNull();
                    accounts.add(new Account(rows.getString(1), Role.fromJsonName(role).orElseThrow(
                            () -> new IllegalStateException("stored account has an unknown role '" + role + "'")),
                            rows.getString(3), Timestamps.instant(rows.getLong(4)),
                            active ? null : Timestamps.instant(disabledAt)));
                }
            }
            return List.copyOf(accounts);
        });
    }

    @Override
    public boolean update(Account account) {
        return db.transaction("updating account " + account.name(), connection -> {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE accounts SET role = ?, password_hash = ?, disabled_at = make_timestamp(?)
                    WHERE name = ?""")) {
                update.setString(1, account.role().jsonName());
                update.setString(2, account.passwordHash());
                setInstantOrNull(update, 3, account.disabledAt());
                update.setString(4, account.name());
                return update.executeUpdate() > 0;
            }
        });
    }

    private static void setInstantOrNull(PreparedStatement statement, int index, Instant at) throws SQLException {
        if (at == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, Timestamps.micros(at));
        }
    }
}
