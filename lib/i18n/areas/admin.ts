// Interface text for the admin screens (Vietnamese first; English has the same keys).
export const adminVi = {
};

export const adminEn: typeof adminVi = {
};
