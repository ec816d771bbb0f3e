package org.attune.core.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * What a shopper carries from one session to the next: a cart per device, the account's
 * cart, and the devices they are logged in on. A device keeps its own cart until the
 * shopper logs in there; then the account's cart is shared, as shops merge carts at login.
 *
 * <p>Not thread-safe: a shopper's sessions are played in order, on one thread.
 */
final class ShopperState {
    private final Cart accountCart = new Cart();
    private final Cart[] deviceCarts;
    private final boolean[] loggedIn;

    ShopperState(ShopperPersona shopper) {
        int devices = shopper.devices().size();
        loggedIn = new boolean[devices];
        deviceCarts = new Cart[devices];
        for (int slot = 0; slot < devices; slot++) {
            deviceCarts[slot] = new Cart();
        }
    }

    boolean loggedIn(int slot) {
        return loggedIn[slot];
    }

    /** A device keeps its own cart until the shopper logs in there; then the account's cart is shared. */
    Cart cart(int slot) {
        return loggedIn[slot] ? accountCart : deviceCarts[slot];
    }

    /** At login the device's cart joins the account's, as shops merge carts. */
    void logIn(int slot) {
        Cart device = deviceCarts[slot];
        for (CartLine line : device.lines) {
            if (accountCart.lines.stream().noneMatch(l -> l.product() == line.product())) {
                accountCart.lines.add(line);
            }
        }
        accountCart.touched = Math.max(accountCart.touched, device.touched);
        device.lines.clear();
        loggedIn[slot] = true;
    }

    /** The products a shopper means to buy, and when they last changed it. */
    static final class Cart {
        final List<CartLine> lines = new ArrayList<>();
        long touched;
    }
}
