// The complaint sheet's print button.
document.getElementById('print')?.addEventListener('click', () => window.print());
