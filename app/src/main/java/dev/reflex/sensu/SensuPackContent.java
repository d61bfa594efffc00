package dev.reflex.sensu;

import dev.reflex.checks.SensuSettings;
import dev.reflex.config.LoadResult;
import dev.reflex.packs.Pack;
import dev.reflex.packs.PackContentType;
import dev.reflex.packs.PackFile;
import java.util.List;

/**
 * The pack content types of Sensu definitions: {@code checks/} and {@code handlers/}, YAML or Sensu
 * JSON, each file validated with Sensu's rules ({@link SensuDefinitions#loadPackFile}).
 */
public final class SensuPackContent {

    private SensuPackContent() {
    }

    /** The content types for {@code checks/} and {@code handlers/}. */
    public static List<PackContentType<?>> types() {
        return List.of(type("checks"), type("handlers"));
    }

    private static PackContentType<SensuSettings> type(String folder) {
        return new PackContentType<>() {
            @Override
            public String folder() {
                return folder;
            }

            @Override
            public LoadResult<SensuSettings> load(Pack pack, PackFile file) {
                return SensuDefinitions.loadPackFile(file, folder);
            }
        };
    }
}
