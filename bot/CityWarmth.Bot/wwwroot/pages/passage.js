// Opens a cited passage's page at the passage itself.
(() => {
  const cited = document.querySelector('main[data-cited]')?.dataset.cited;
  if (cited) document.getElementById(cited)?.scrollIntoView({ block: 'start' });
})();
