package com.logprocessor.storage.membership;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this node is: its id (the {@code node} tag of its metrics, its name on the ring) and the URL
 * the coordinator and repair services reach it at. Kept in one record so ring membership can
 * register the same identity.
 *
 * @param id            node id, e.g. {@code storage-node-1}
 * @param advertisedUrl base URL other services call; when unset, {@code http://<server.address or host name>:<port>}
 *                      in application.yml (a placeholder cannot be a {@code @DefaultValue})
 */
@Validated
@ConfigurationProperties("storage.node")
public record StorageNodeProperties(
        @DefaultValue("storage-node-1") @NotBlank @Pattern(regexp = "[A-Za-z0-9._-]{1,64}",
                message = "must be 1 to 64 letters, digits, '.', '_' or '-'") String id,
        URI advertisedUrl) {
}
