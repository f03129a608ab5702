// Interface text for the enrollment screens (Vietnamese first; English has the same keys).
export const enrollmentVi = {
};

export const enrollmentEn: typeof enrollmentVi = {
};
