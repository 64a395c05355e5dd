/** validityNote says how long a certificate has left: `61 days left`, `expires today`, `expired 8 days ago`. */
export function validityNote(daysLeft: number): string {
  if (daysLeft < 0) return `expired ${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago`;
  if (daysLeft === 0) return 'expires today';
  return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
}
