package dev.reflex.runners.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSplitterTest {

    @Test
    void aMessageThatFitsIsOnePartUnchanged() {
        assertThat(MessageSplitter.split("a\nb\n", 4)).containsExactly("a\nb\n");
    }

    @Test
    void partsHoldWholeLinesAndAMarker() {
        String text = "alpha " + "a".repeat(20) + "\nbeta " + "b".repeat(20) + "\ngamma " + "c".repeat(20);
        List<String> parts = MessageSplitter.split(text, 50);
        assertThat(parts).containsExactly("(1/3)\nalpha " + "a".repeat(20), "(2/3)\nbeta " + "b".repeat(20),
                "(3/3)\ngamma " + "c".repeat(20));
    }

    @Test
    void aLineLongerThanAPartIsCutWithoutLosingCharacters() {
        String text = "0123456789".repeat(20);
        List<String> parts = MessageSplitter.split(text, 40);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(40));
        StringBuilder joined = new StringBuilder();
        parts.forEach(p -> joined.append(p.substring(p.indexOf('\n') + 1)));
        assertThat(joined.toString()).isEqualTo(text);
    }

    @Test
    void markersGrowWhenThereAreTenOrMoreParts() {
        String text = ("z".repeat(30) + "\n").repeat(40);
        List<String> parts = MessageSplitter.split(text, 60);
        assertThat(parts.size()).isGreaterThanOrEqualTo(10);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(60));
        assertThat(parts.get(9)).startsWith("(10/" + parts.size() + ")\n");
    }

    @Test
    void aCodeFenceCutBetweenPartsIsClosedAndReopened() {
        String text = "ps output:\n```\n" + ("D 1234 /usr/bin/stuck --flag\n").repeat(6) + "```\ndone";
        List<String> parts = MessageSplitter.split(text, 90);
        assertThat(parts.size()).isGreaterThan(1);
        for (String part : parts) {
            long fences = part.lines().filter(l -> l.startsWith("```")).count();
            assertThat(fences % 2).as(part).isZero();
            assertThat(part.length()).isLessThanOrEqualTo(90);
        }
        assertThat(parts.getLast()).endsWith("```\ndone");
    }

    @Test
    void aLimitTooSmallToSplitIsRefused() {
        assertThatThrownBy(() -> MessageSplitter.split("x".repeat(100), 20)).isInstanceOf(IllegalArgumentException.class);
    }
}
