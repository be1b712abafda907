package com.logprocessor.localcluster.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.logprocessor.core.access.ApiKey;
import com.logprocessor.core.access.ApiKeys;
import com.logprocessor.core.access.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterSecretsTest {

    @TempDir
    Path runDir;

    @Test
    void generatedOnceKeptPrivateAndReadBack() throws Exception {
        assertThat(ClusterSecrets.exist(runDir)).isFalse();
        ClusterSecrets first = ClusterSecrets.ensure(runDir);
        ClusterSecrets again = ClusterSecrets.ensure(runDir);

        assertThat(again).isEqualTo(first);
        assertThat(first.internalToken()).hasSizeGreaterThanOrEqualTo(32);
        assertThat(first.keys().values()).doesNotHaveDuplicates().allSatisfy(k -> assertThat(k).startsWith(ApiKey.PREFIX));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(runDir.resolve(ClusterSecrets.DIR))))
                .isEqualTo("rwx------");
        for (Path file : new Path[]{ClusterSecrets.keysFile(runDir), ClusterSecrets.servicesFile(runDir)}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("%s", file).isEqualTo("rw-------");
        }
        // Another cluster gets other keys: nothing is shipped or derived from a default.
        assertThat(ClusterSecrets.ensure(runDir.resolve("other")).internalToken()).isNotEqualTo(first.internalToken());
    }

    @Test
    void servicesGetHashesOnlyAndEachKeyHasItsRole() throws Exception {
        ClusterSecrets secrets = ClusterSecrets.ensure(runDir);
        String servicesFile = Files.readString(ClusterSecrets.servicesFile(runDir));
        secrets.keys().values().forEach(key -> assertThat(servicesFile).doesNotContain(key));

        String configured = secrets.serviceEnvironment().get("SECURITY_API_KEYS");
        ApiKeys keys = new ApiKeys(Arrays.stream(configured.split(",")).map(ApiKey::parse).toList());
        for (Role role : ClusterSecrets.KEY_ROLES) {
            assertThat(keys.find(secrets.key(role))).map(ApiKey::role).contains(role);
        }
        assertThat(secrets.serviceEnvironment()).containsEntry("SECURITY_INTERNAL_TOKEN", secrets.internalToken());
        assertThat(Files.readString(ClusterSecrets.keysFile(runDir)))
                .contains("LOGSTORE_INGEST_KEY=" + secrets.key(Role.INGEST));
    }

    @Test
    void aDamagedKeysFileIsReportedNotReplaced() throws Exception {
        ClusterSecrets.ensure(runDir);
        Files.writeString(ClusterSecrets.keysFile(runDir), "LOGSTORE_ADMIN_KEY=x\n");
        assertThatThrownBy(() -> ClusterSecrets.ensure(runDir)).hasMessageContaining("LOGSTORE_INGEST_KEY");
    }
}
