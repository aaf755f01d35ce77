package io.mooring.agent.tools;

import io.mooring.agent.support.FakePlatform;
import java.util.concurrent.TimeUnit;

/**
 * The test platform as its own process, to try an agent process by hand without the services:
 * prints {@code READY <url> <import token>} and then, every few seconds, what it received.
 */
public final class FakePlatformMain {

    private FakePlatformMain() {
    }

    public static void main(String[] args) throws Exception {
        FakePlatform platform = new FakePlatform();
        System.out.println("READY " + platform.url() + " " + platform.issueImportToken());
        while (true) {
            TimeUnit.SECONDS.sleep(5);
            var inventory = platform.lastInventory();
            System.out.printf("registrations %d, statuses %d, heartbeats %d, inventories %d (last: %s nodes, %s pods, %s bytes), event batches %d"
                            + " (%d events, %d dropped)%n", platform.registrations.size(), platform.statuses.size(), platform.heartbeats.size(),
                    platform.inventories.size(), inventory == null ? "-" : inventory.inventory().nodes().size(),
                    inventory == null ? "-" : inventory.inventory().pods().total(),
                    platform.inventoryBodyBytes.isEmpty() ? "-" : platform.inventoryBodyBytes.get(platform.inventoryBodyBytes.size() - 1),
                    platform.eventBatches.size(), platform.eventUidsInOrder().size(), platform.droppedReported());
        }
    }
}
