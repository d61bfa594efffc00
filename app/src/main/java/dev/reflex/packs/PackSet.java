package dev.reflex.packs;

import dev.reflex.config.ConfigProblem;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The packs a discovery found.
 *
 * @param packs     the usable packs (built-in first, then in pack-path order), refs unique
 * @param rejected  packs that were found but cannot be used (a broken pack.yaml, a ref that is taken);
 *                  their content is still validated by {@code reflex validate}
 * @param manifests how many pack.yaml files were read from disk
 * @param problems  every error
 * @param warnings  every warning
 */
public record PackSet(List<Pack> packs, List<Pack> rejected, int manifests, List<ConfigProblem> problems,
                      List<ConfigProblem> warnings) {

    public PackSet {
        packs = List.copyOf(packs);
        rejected = List.copyOf(rejected);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The usable pack with a ref. */
    public Optional<Pack> find(String ref) {
        return packs.stream().filter(p -> p.ref().equals(ref)).findFirst();
    }

    /** The packs found on disk, usable or not (what a user's pack paths hold). */
    public List<Pack> onDisk() {
        return Stream.concat(packs.stream(), rejected.stream()).filter(p -> !p.builtin()).toList();
    }
}
