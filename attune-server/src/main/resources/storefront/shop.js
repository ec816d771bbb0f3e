// The demo storefront's own script: a cart in the browser, and the tag's calls a shop makes.
(() => {
  'use strict';
  const CART = 'demo-shop:cart';
  const tag = window.attune && window.attune.version ? window.attune : null;
  const read = () => {
    try {
      return JSON.parse(localStorage.getItem(CART)) || [];
    } catch (e) {
      return [];
    }
  };
  const money = (n) => '€' + Number(n).toFixed(2);
  const count = () => {
    const badge = document.getElementById('cart-count');
    if (badge) {
      badge.textContent = read().reduce((n, line) => n + line.quantity, 0);
    }
  };
  const save = (lines) => {
    localStorage.setItem(CART, JSON.stringify(lines));
    count();
  };

  document.addEventListener('click', (e) => {
    const button = e.target.closest('[data-add]');
    if (!button) {
      return;
    }
    const id = button.dataset.add;
    const price = Number(button.dataset.price);
    const lines = read();
    const line = lines.find((l) => l.itemId === id);
    if (line) {
      line.quantity += 1;
    } else {
      lines.push({itemId: id, title: button.dataset.title, price, quantity: 1});
    }
    save(lines);
    if (tag) {
      tag.addToCart(id, {price, quantity: 1});
    }
    button.textContent = 'Added';
    setTimeout(() => (button.textContent = 'Add to cart'), 1200);
  });

  const viewed = document.querySelector('[data-product-view]');
  if (viewed && tag) {
    tag.productView(viewed.dataset.productView);
  }

  // A category listing in the order Attune gives for the shopper (unchanged where no rule applies or it fails).
  const listing = document.getElementById('listing');
  if (listing && tag) {
    const cards = Array.from(listing.children);
    tag.rerank({productIds: cards.map((c) => c.dataset.product), category: listing.dataset.category})
      .then((answer) => {
        const byId = new Map(cards.map((c) => [c.dataset.product, c]));
        answer.productIds.forEach((id, i) => {
          const card = byId.get(id);
          card.setAttribute('data-attune-item', id);
          card.setAttribute('data-attune-position', i + 1);
          listing.appendChild(card);
        });
        if (answer.recId) {
          tag.watch(listing, {recId: answer.recId, placement: answer.rule || 'category'});
        }
      });
  }

  const cart = document.getElementById('cart');
  const showCart = () => {
    const lines = read();
    if (!cart) {
      return;
    }
    if (!lines.length) {
      cart.innerHTML = '<p>Your cart is empty. <a href="/shop/">Browse the shop</a>.</p>';
      return;
    }
    const total = lines.reduce((sum, l) => sum + l.price * l.quantity, 0);
    cart.innerHTML = '<table><thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th>'
      + '<th scope="col" class="num">Price</th><th></th></tr></thead><tbody>'
      + lines.map((l, i) => '<tr><td><a href="/shop/p/' + encodeURIComponent(l.itemId) + '"></a></td><td class="num">'
        + l.quantity + '</td><td class="num">' + money(l.price * l.quantity) + '</td><td><button type="button"'
        + ' data-remove="' + i + '">Remove</button></td></tr>').join('')
      + '</tbody><tfoot><tr><th scope="row">Total</th><td></td><td class="num" id="cart-total">' + money(total)
      + '</td><td></td></tr></tfoot></table>';
    cart.querySelectorAll('tbody a').forEach((a, i) => (a.textContent = lines[i].title));
    cart.querySelectorAll('[data-remove]').forEach((b) => b.addEventListener('click', () => {
      const rest = read();
      rest.splice(Number(b.dataset.remove), 1);
      save(rest);
      showCart();
    }));
  };
  showCart();

  const order = document.getElementById('order');
  if (order) {
    order.addEventListener('submit', (e) => {
      e.preventDefault();
      const lines = read();
      if (!lines.length) {
        return;
      }
      if (tag) {
        tag.purchase(lines.map((l) => ({itemId: l.itemId, price: l.price, quantity: l.quantity})),
          {orderId: 'o-' + Date.now()});
        tag.flush();
      }
      save([]);
      order.hidden = true;
      cart.hidden = true;
      document.getElementById('thanks').hidden = false;
    });
  }

  const toggle = document.getElementById('consent-toggle');
  const state = document.getElementById('consent-state');
  const showConsent = () => {
    const on = tag && tag.consentState() !== 'out';
    state.textContent = on ? 'on' : 'off';
    toggle.textContent = on ? 'Turn it off' : 'Turn it on';
  };
  if (toggle && tag) {
    toggle.addEventListener('click', () => {
      tag.consent(tag.consentState() === 'out' ? 'in' : 'out');
      showConsent();
    });
    showConsent();
  }
  count();
})();
