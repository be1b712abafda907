package com.logprocessor.it.support;

import com.logprocessor.localcluster.LocalCluster;
import com.logprocessor.localcluster.ServiceCatalog;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A storage node's own PostgreSQL database, reached directly: how a test damages a replica behind
 * the system's back (a lost row, as after a disk problem or an operator's mistake).
 */
public final class NodeDatabase {

    private NodeDatabase() {
    }

    /** Deletes one stored entry from node {@code n}; returns the rows deleted. */
    public static int delete(int n, String partitionKey, long sequence) {
        return execute(n, "DELETE FROM log_entries WHERE partition_key = ? AND sequence = ?", partitionKey, sequence);
    }

    /** The node number of a node id such as {@code storage-node-2}. */
    public static int number(String nodeId) {
        return Integer.parseInt(nodeId.substring(nodeId.lastIndexOf('-') + 1));
    }

    /** Runs one statement on node {@code n}'s database; returns the rows it changed. */
    public static int execute(int n, String sql, Object... parameters) {
        return run(n, sql, parameters, PreparedStatement::executeUpdate);
    }

    /** A count (the first column of the first row) from node {@code n}'s database, even while the node is down. */
    public static long count(int n, String sql, Object... parameters) {
        return run(n, sql, parameters, statement -> {
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** The first column of every row, as text, from node {@code n}'s database. */
    public static java.util.List<String> strings(int n, String sql, Object... parameters) {
        return run(n, sql, parameters, statement -> {
            java.util.List<String> values = new java.util.ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        });
    }

    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    private static <T> T run(int n, String sql, Object[] parameters, Statement<T> body) {
        LocalCluster cluster = TestCluster.get();
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(ServiceCatalog.storageNodeDatabase(n)),
                cluster.databaseUser(), cluster.databasePassword());
             PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return body.run(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run on node " + n + ": " + sql, e);
        }
    }
}
