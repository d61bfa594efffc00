package dev.reflex.packs;

import dev.reflex.config.LoadResult;
import dev.reflex.config.Location;
import dev.reflex.config.Problems;
import dev.reflex.config.StrictLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds packs: the built-in ones (always present), then those in the configured pack paths. A pack
 * path may be a pack folder itself or a folder of packs; a folder is a pack when it has a
 * {@code pack.yaml} or any content folder.
 *
 * <p>A pack's ref follows StackStorm's rules: the {@code ref} of pack.yaml, else the folder name when
 * it is a valid ref, else the pack's {@code name} when it is one. A folder name loses a leading
 * {@code stackstorm-} (StackStorm Exchange repositories are named {@code stackstorm-<pack>}). A pack
 * folder without pack.yaml is named after its folder, with a warning. A pack on disk with the ref of a
 * built-in pack replaces it, with a warning, except {@code core}, which stays built in (the disk one is
 * only validated); a pack on disk cannot take the ref of another pack on disk found before it.
 */
public final class PackDiscovery {

    /** The name of a pack's manifest. */
    public static final String MANIFEST = "pack.yaml";
    /** The content folders of StackStorm's pack layout. */
    public static final List<String> STACKSTORM_FOLDERS = List.of("actions", "rules", "aliases", "triggers", "sensors",
            "policies");
    /** Reflex's own content folders. */
    public static final List<String> REFLEX_FOLDERS = List.of("checks", "handlers", "alerts");
    /** Every content folder, in the order packs list them. */
    public static final List<String> CONTENT_FOLDERS = Stream.concat(STACKSTORM_FOLDERS.stream(),
            REFLEX_FOLDERS.stream()).toList();

    private static final String EXCHANGE_PREFIX = "stackstorm-";
    private static final Set<String> RESERVED = Set.of("_global");

    private final BuiltinPacks builtin;

    /** Discovery with the built-in packs of Reflex's own classpath. */
    public PackDiscovery() {
        this(PackDiscovery.class.getClassLoader());
    }

    /** Discovery with the built-in packs found through a given class loader. */
    public PackDiscovery(ClassLoader resources) {
        this.builtin = new BuiltinPacks(resources);
    }

    /** Whether a folder is a pack: it has a pack.yaml or at least one content folder. */
    public static boolean isPack(Path dir) {
        if (Files.isRegularFile(dir.resolve(MANIFEST))) {
            return true;
        }
        return CONTENT_FOLDERS.stream().anyMatch(f -> Files.isDirectory(dir.resolve(f)));
    }

    /** Finds the built-in packs and every pack in the given paths, collecting every problem. */
    public PackSet discover(List<Path> packPaths) {
        Run run = new Run();
        builtin.roots().forEach((ref, root) -> run.add(load(root, Pack.Origin.BUILTIN, run)));
        for (Path path : packPaths) {
            if (!Files.exists(path)) {
                run.problems.error(Location.of(path.toString()), "", "pack path not found");
            } else if (!Files.isDirectory(path)) {
                run.problems.error(Location.of(path.toString()), "", "a pack path must be a folder (a pack, or a folder of packs)");
            } else if (isPack(path)) {
                if (run.firstVisit(path)) {
                    run.add(load(path, Pack.Origin.DISK, run));
                }
            } else {
                scanFolderOfPacks(path, run);
            }
        }
        return new PackSet(run.packs, run.rejected, run.manifests, run.problems.errors(), run.problems.warnings());
    }

    private void scanFolderOfPacks(Path folder, Run run) {
        List<Path> children = list(folder).stream().filter(Files::isDirectory).toList();
        boolean found = false;
        for (Path child : children) {
            if (isPack(child)) {
                found = true;
                if (run.firstVisit(child)) {
                    run.add(load(child, Pack.Origin.DISK, run));
                }
            } else {
                run.problems.warning(Location.of(child.toString()), "", "skipped: not a pack (no " + MANIFEST
                        + " and none of the folders " + String.join(", ", CONTENT_FOLDERS) + ")");
            }
        }
        if (!found) {
            run.problems.warning(Location.of(folder.toString()), "", "no packs found in this folder");
        }
    }

    /** A pack loaded from a folder; {@code usable} is false when its pack.yaml or ref is broken. */
    private record Candidate(Pack pack, boolean usable, Location at) {
    }

    private Candidate load(Path dir, Pack.Origin origin, Run run) {
        String folderName = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString().replace("/", "");
        String folderRef = folderName.startsWith(EXCHANGE_PREFIX) ? folderName.substring(EXCHANGE_PREFIX.length()) : folderName;
        Labeler labels = new Labeler(dir, origin == Pack.Origin.BUILTIN ? folderRef : null);
        Path manifest = dir.resolve(MANIFEST);
        PackMetadata meta = null;
        boolean usable = true;
        String ref;
        Location at;
        if (Files.isRegularFile(manifest)) {
            if (origin == Pack.Origin.DISK) {
                run.manifests++;
            }
            LoadResult<PackMetadata> result = StrictLoader.load(manifest, labels.label(manifest), PackMetadata.FORMAT);
            run.problems.addAll(result);
            at = Location.of(labels.label(manifest));
            if (result.ok().isEmpty()) {
                usable = false;
                ref = folderRef;
            } else {
                meta = result.ok().getFirst().value();
                ref = refFrom(meta, folderRef);
                if (ref == null) {
                    run.problems.error(at, "/name", "pack name '" + meta.name() + "' is not a valid ref and there is no "
                            + "'ref' field; add one (" + PackMetadata.REF_RULE + ")");
                    usable = false;
                    ref = folderRef;
                }
            }
        } else {
            at = Location.of(labels.label(dir));
            if (PackMetadata.REF.matcher(folderRef).matches()) {
                run.problems.warning(at, "", "no " + MANIFEST + "; the pack is named '" + folderRef + "' after its folder");
            } else {
                run.problems.error(at, "", "no " + MANIFEST + " and the folder name '" + folderName
                        + "' is not a valid pack ref; add a " + MANIFEST + " with a ref (" + PackMetadata.REF_RULE + ")");
                usable = false;
            }
            ref = folderRef;
        }
        if (usable && RESERVED.contains(ref)) {
            run.problems.error(at, "", "'" + ref + "' is a reserved name and cannot be used as a pack ref");
            usable = false;
        }
        Pack pack = new Pack(ref, meta == null ? folderName : meta.name(), meta == null ? null : meta.version(),
                meta == null ? null : meta.description(), meta == null ? null : meta.author(), origin, dir, meta,
                content(dir, labels));
        return new Candidate(pack, usable, at);
    }

    private static String refFrom(PackMetadata meta, String folderRef) {
        if (meta.ref() != null) {
            return meta.ref();
        }
        if (PackMetadata.REF.matcher(folderRef).matches()) {
            return folderRef;
        }
        return PackMetadata.REF.matcher(meta.name()).matches() ? meta.name() : null;
    }

    private static Map<String, List<PackFile>> content(Path dir, Labeler labels) {
        Map<String, List<PackFile>> content = new LinkedHashMap<>();
        for (String folder : CONTENT_FOLDERS) {
            Path f = dir.resolve(folder);
            if (!Files.isDirectory(f)) {
                continue;
            }
            List<PackFile> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(f)) {
                walk.filter(Files::isRegularFile).filter(p -> !hidden(f.relativize(p))).sorted().forEach(p -> files.add(
                        new PackFile(folder, slashes(f.relativize(p)), p, labels.label(p))));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + f, e);
            }
            content.put(folder, files);
        }
        return content;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals("__pycache__")) {
                return true;
            }
        }
        return false;
    }

    private static String slashes(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static List<Path> list(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** How problems name a pack's files: their path, or {@code builtin:<ref>/…} for built-in packs. */
    private record Labeler(Path root, String builtinRef) {
        String label(Path file) {
            if (builtinRef == null) {
                return file.toString();
            }
            String rel = slashes(root.relativize(file));
            return "builtin:" + builtinRef + (rel.isEmpty() ? "" : "/" + rel);
        }
    }

    /** The state of one discovery. */
    private static final class Run {
        final Problems problems = new Problems();
        final List<Pack> packs = new ArrayList<>();
        final List<Pack> rejected = new ArrayList<>();
        final Map<String, Pack> byRef = new HashMap<>();
        final Set<Path> roots = new HashSet<>();
        int manifests;

        /** False when the folder was already loaded (pack paths may overlap). */
        boolean firstVisit(Path dir) {
            return roots.add(dir.toAbsolutePath().normalize());
        }

        void add(Candidate c) {
            Pack pack = c.pack();
            if (!c.usable()) {
                rejected.add(pack);
                return;
            }
            Pack first = byRef.get(pack.ref());
            if (first != null && first.builtin() && !BuiltinPacks.PINNED.contains(pack.ref())) {
                // an installed pack (StackStorm's stackstorm-sensu, say) is what the operator asked for
                problems.warning(c.at(), "", "pack '" + pack.ref() + "' replaces the built-in pack of that name");
                packs.remove(first);
                byRef.put(pack.ref(), pack);
                packs.add(pack);
                return;
            }
            if (first != null && first.builtin()) {
                // StackStorm's own core pack on disk is the usual case: Reflex's built-in one takes its place.
                problems.warning(c.at(), "", "pack '" + pack.ref() + "' is built into Reflex; the built-in one is used"
                        + " and this one is only validated (give it another ref to load it)");
                rejected.add(pack);
                return;
            }
            if (first != null) {
                problems.error(c.at(), "", "pack '" + pack.ref() + "' was already found at " + first.location()
                        + "; pack refs must be unique");
                rejected.add(pack);
                return;
            }
            byRef.put(pack.ref(), pack);
            packs.add(pack);
        }
    }
}
