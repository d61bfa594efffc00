package dev.reflex.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InProcessBusTest {

    private final InProcessBus bus = new InProcessBus(Clock.systemUTC());

    @BeforeEach
    void start() {
        bus.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        bus.stop();
    }

    @Test
    void every_subscriber_gets_every_message_in_order() throws InterruptedException {
        Topic<Integer> topic = Topic.of("test.numbers", Integer.class);
        List<Integer> a = new CopyOnWriteArrayList<>();
        List<Integer> b = new CopyOnWriteArrayList<>();
        bus.subscribe(topic, "a", a::add);
        bus.subscribe(topic, "b", b::add);
        for (int i = 0; i < 1000; i++) {
            bus.publish(topic, i);
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> a.size() == 1000 && b.size() == 1000);
        assertThat(a).isSortedAccordingTo(Integer::compare).hasSize(1000);
        assertThat(b).containsExactlyElementsOf(a);
        assertThat(bus.stats().topics().get("test.numbers").delivered()).isEqualTo(2000);
        assertThat(bus.stats().topics().get("test.numbers").published()).isEqualTo(1000);
    }

    @Test
    void a_full_subscriber_holds_the_producer_back_until_it_catches_up() throws Exception {
        Topic<String> topic = new Topic<>("test.slow", String.class, 2);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        bus.subscribe(topic, "slow", m -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            got.add(m);
        });
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    bus.publish(topic, "m" + i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // one message in the handler, two queued: the producer must wait on the fourth
        await().atMost(5, TimeUnit.SECONDS).until(() -> producer.getState() == Thread.State.WAITING);
        assertThat(producer.isAlive()).isTrue();
        assertThat(got).isEmpty();
        release.countDown();
        producer.join(5000);
        await().atMost(5, TimeUnit.SECONDS).until(() -> got.size() == 5);
        assertThat(got).containsExactly("m0", "m1", "m2", "m3", "m4");
        assertThat(bus.stats().topics().get("test.slow").dropped()).isZero();
    }

    @Test
    void offer_counts_a_drop_when_a_subscriber_stays_full() {
        Topic<String> topic = new Topic<>("test.drop", String.class, 1);
        CountDownLatch release = new CountDownLatch(1);
        bus.subscribe(topic, "stuck", m -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(bus.offer(topic, "first", Duration.ofSeconds(1))).isTrue();
        await().atMost(5, TimeUnit.SECONDS).until(() -> bus.stats().topics().get("test.drop").waiting() == 0);
        assertThat(bus.offer(topic, "second", Duration.ofSeconds(1))).isTrue();
        assertThat(bus.offer(topic, "third", Duration.ZERO)).isFalse();
        assertThat(bus.stats().topics().get("test.drop").dropped()).isEqualTo(1);
        release.countDown();
    }

    @Test
    void a_failing_handler_is_counted_and_keeps_receiving() throws InterruptedException {
        Topic<Integer> topic = Topic.of("test.fail", Integer.class);
        List<Integer> ok = new CopyOnWriteArrayList<>();
        bus.subscribe(topic, "picky", n -> {
            if (n % 2 == 0) {
                throw new IllegalStateException("even numbers are not welcome");
            }
            ok.add(n);
        });
        for (int i = 0; i < 10; i++) {
            bus.publish(topic, i);
        }
        await().atMost(5, TimeUnit.SECONDS).until(() -> ok.size() == 5);
        assertThat(ok).containsExactly(1, 3, 5, 7, 9);
        await().atMost(5, TimeUnit.SECONDS).until(() -> bus.stats().topics().get("test.fail").failed() == 5);
    }

    @Test
    void messages_of_the_wrong_type_are_refused() {
        bus.subscribe(Topic.of("test.typed", Integer.class), "numbers", n -> { });
        @SuppressWarnings({"unchecked", "rawtypes"})
        Topic<Object> raw = (Topic) Topic.of("test.typed", Integer.class);
        assertThatThrownBy(() -> bus.publish(raw, "not a number"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> bus.subscribe(Topic.of("test.typed", String.class), "x", s -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already declared");
    }

    @Test
    void check_passes_while_running_and_publishing_after_stop_fails() throws InterruptedException {
        bus.check();
        Topic<Integer> topic = Topic.of("test.after", Integer.class);
        List<Integer> got = new CopyOnWriteArrayList<>();
        bus.subscribe(topic, "s", got::add);
        bus.publish(topic, 1);
        bus.stop();
        assertThat(got).containsExactly(1);
        assertThatThrownBy(() -> bus.publish(topic, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not running");
        bus.start();
    }
}
